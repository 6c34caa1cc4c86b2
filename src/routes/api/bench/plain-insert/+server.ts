import { error, json } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { BallotBody } from '$lib/server/ballots/body';
import { rowsOf } from '$lib/server/db/rows';
import type { RequestHandler } from './$types';

/**
 * bench/cast.ts's ceiling: the ballot endpoint's HTTP path (same hooks and session check, same
 * header and body checks) ending in ONE plain INSERT of a ballot-sized row, with no chain, lock or
 * batching. Exists only when the server runs with GONGYI_BENCH=1; the table is made by the bench
 * in its throw-away database, never by a migration.
 */
export const POST: RequestHandler = async ({ request, url, locals }) => {
	if (process.env.GONGYI_BENCH !== '1') error(404, 'not_found');
	if (request.headers.get('origin') !== url.origin)
		return json({ code: 'origin' }, { status: 403 });
	if (!request.headers.get('content-type')?.startsWith('application/json'))
		return json({ code: 'type' }, { status: 415 });
	const user = locals.user;
	if (!user || user.needsSecondFactor) return json({ code: 'auth' }, { status: 401 });
	if (!user.ownerId) return json({ code: 'owner' }, { status: 403 });
	// The same body schema as the ballot endpoint, so both paths parse the same JSON.
	const body = BallotBody.safeParse(await request.json().catch(() => null));
	if (!body.success) return json({ code: 'choices' }, { status: 400 });
	const at = new Date();
	const row = JSON.stringify({
		at: at.toISOString(),
		channel: 'online',
		choices: body.data.choices,
		nonce: randomBytes(16).toString('hex'),
		owner: user.ownerId
	});
	const res = await locals.db.execute(sql`insert into bench_plain_ballot
		(account_id, owner, idempotency_key, body, at)
		values (${user.id}, ${user.ownerId}, ${request.headers.get('idempotency-key')}, ${row}, ${at.toISOString()})
		returning id`);
	const [r] = rowsOf<{ id: string }>(res);
	return json({ id: Number(r.id), at: at.toISOString() }, { status: 201 });
};
