import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { addCosignature } from '$lib/server/ledger/witness';
import type { RequestHandler } from './$types';

const Body = z.object({
	treeSize: z.number().int().min(1),
	line: z.string().min(10).max(400)
});

/**
 * A witness submits its cosignature line (C2SP cosignature/v1). The street key's signature is the
 * authority, so the unattended CLI witness needs no account; a signed-in street official is noted.
 */
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const body = Body.safeParse(await request.json().catch(() => null));
	if (!body.success) error(400, { message: 'bad_request' });
	const r = await addCosignature(locals.db, {
		assemblyId: params.assemblyId,
		...body.data,
		submittedBy: locals.user && !locals.user.needsSecondFactor ? locals.user.id : null
	});
	if (!r.ok) return json({ code: r.code }, { status: r.code === 'cosign.notFound' ? 404 : 422 });
	return json({ ok: true, duplicate: r.duplicate });
};
