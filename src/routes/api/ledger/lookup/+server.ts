import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { findBallotByHash } from '$lib/server/ledger/lookup';
import type { RequestHandler } from './$types';

const Query = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/) });

/** Public (no login): the assembly and entry of a ballot hash, for checking a receipt by hash. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const q = Query.safeParse({ hash: url.searchParams.get('hash')?.toLowerCase() });
	if (!q.success) error(400, { message: 'bad_request' });
	const found = await findBallotByHash(locals.db, q.data.hash);
	if (!found) error(404, { message: 'not_found' });
	return json(found, { headers: { 'cache-control': 'no-store' } });
};
