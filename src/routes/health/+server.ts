import { json } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import type { RequestHandler } from './$types';

/** Liveness and database reachability, for load balancers and the start-up check. */
export const GET: RequestHandler = async ({ locals }) => {
	await locals.db.execute(sql`select 1`);
	return json({ ok: true });
};
