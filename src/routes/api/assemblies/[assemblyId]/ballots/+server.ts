import { json } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { ballotBodyLimit, readCapped, TOO_LARGE_HEADERS } from '$lib/server/body-limit';
import { BallotBody } from '$lib/server/ballots/body';
import { castBallot, type CastCode } from '$lib/server/ballots/cast';
import { votingContext } from '$lib/server/ballots/context';
import { holdsOwnerRole } from '$lib/server/ballots/owner-access';
import { recordBallotOrigin } from '$lib/server/oversight/origin';
import type { RequestHandler } from './$types';

const STATUS: Record<CastCode, number> = {
	'ballot.notFound': 404,
	'ballot.notOpen': 409,
	'ballot.closed': 409,
	'ballot.notOnRoll': 403,
	'ballot.invalidChoice': 422,
	'ballot.alreadyVoted': 409,
	'ballot.badKey': 400,
	'ballot.keyReused': 422,
	'ballot.noItemOpen': 409,
	'ballot.itemNotOpen': 409
};

/**
 * Casts the signed-in owner's ballot: 201 with the receipt, 200 when an Idempotency-Key retry
 * replays it, 4xx `{ code, message }` otherwise. Kept to the session check plus what castBallot
 * does (the voting context is cached), since every owner of an estate may vote within minutes.
 */
export const POST: RequestHandler = async (event) => {
	const { request, url, locals, params } = event;
	const fail = (status: number, code: string, headers: Record<string, string> = {}) =>
		json({ code, message: translator(locals.locale)(`ballot:error.${code}`) }, { status, headers });
	// SvelteKit's CSRF check covers form posts only: a JSON body needs a same-origin request, and
	// a cross-site page cannot send application/json without a CORS preflight we never answer.
	if (request.headers.get('origin') !== url.origin) return fail(403, 'ballot.badOrigin');
	if (!request.headers.get('content-type')?.startsWith('application/json'))
		return fail(415, 'ballot.badRequest');
	const user = locals.user;
	if (!user || user.needsSecondFactor) return fail(401, 'ballot.unauthorized');
	if (!user.ownerId) return fail(403, 'ballot.forbidden');
	const ctx = await votingContext(locals.db, params.assemblyId);
	if (!ctx || !(await holdsOwnerRole(event, ctx.assembly.estateId)))
		return fail(404, 'ballot.notFound');
	// The items and candidates are known: a body beyond the largest honest ballot is refused
	// unread (Content-Length) or as soon as the stream passes the bound, never parsed.
	const capped = await readCapped(request, ballotBodyLimit(ctx.index));
	if (!capped.ok) return fail(413, 'ballot.tooLarge', TOO_LARGE_HEADERS);
	let raw: unknown = null;
	try {
		raw = JSON.parse(new TextDecoder().decode(capped.bytes));
	} catch {
		raw = null;
	}
	if (typeof raw !== 'object' || raw === null) return fail(400, 'ballot.badRequest');
	const body = BallotBody.safeParse(raw);
	if (!body.success) return fail(422, 'ballot.invalidChoice');
	const r = await castBallot(locals.db, {
		assemblyId: params.assemblyId,
		ownerId: user.ownerId,
		accountId: user.id,
		choices: body.data.choices,
		idempotencyKey: request.headers.get('idempotency-key')
	});
	if (!r.ok) return fail(STATUS[r.code], r.code);
	if (!r.replayed) {
		const origin = {
			assemblyId: params.assemblyId,
			seq: r.receipt.seq,
			address: event.getClientAddress(),
			device: request.headers.get('user-agent') ?? ''
		};
		// After the answer is settled and off its path: the flag needs it, the ballot does not.
		void recordBallotOrigin(locals.db, origin).catch(() =>
			console.error('[ballot] origin not kept')
		);
	}
	return json(r.receipt, { status: r.replayed ? 200 : 201 });
};
