import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { checkpointForVerify, publicAssembly } from '$lib/server/live/ledger-view';
import type { RequestHandler } from './$types';

const Query = z.object({
	treeSize: z.coerce.number().int().min(1).optional(),
	seq: z.coerce.number().int().min(0).optional()
});

/**
 * Public (no login): the assembly's latest signed checkpoint, or the one of `treeSize`, with the
 * platform key to check it; `seq` adds that entry's inclusion path. The browser verifies all of it.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const a = await publicAssembly(locals.db, params.assemblyId);
	if (!a) error(404, { message: 'not_found' });
	const q = Query.safeParse(Object.fromEntries(url.searchParams));
	if (!q.success) error(400, { message: 'bad_request' });
	const cp = await checkpointForVerify(locals.db, a.id, q.data);
	if (!cp) error(404, { message: 'no_checkpoint' });
	return json(cp, { headers: { 'cache-control': 'no-store' } });
};
