import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { publishedKeys } from '$lib/server/ledger/keys';
import { witnessesOf, witnessTask } from '$lib/server/ledger/witness';
import { publicAssembly } from '$lib/server/live/ledger-view';
import type { RequestHandler } from './$types';

const Query = z.object({ from: z.coerce.number().int().min(0).optional() });

/**
 * Public (no login), for witnesses: the latest checkpoint note, a consistency proof from the tree
 * size the witness last cosigned (`from`), the platform's keys and the assembly's witnesses.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const a = await publicAssembly(locals.db, params.assemblyId);
	if (!a) error(404, { message: 'not_found' });
	const q = Query.safeParse(Object.fromEntries(url.searchParams));
	if (!q.success) error(400, { message: 'bad_request' });
	const task = await witnessTask(locals.db, a.id, q.data.from ?? null);
	if (!task) error(404, { message: 'no_checkpoint' });
	const [keys, witnesses] = await Promise.all([
		publishedKeys(locals.db),
		witnessesOf(locals.db, a.estateId)
	]);
	return json({ ...task, keys, witnesses }, { headers: { 'cache-control': 'no-store' } });
};
