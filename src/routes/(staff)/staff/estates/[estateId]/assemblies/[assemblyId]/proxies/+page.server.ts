import { fail } from '@sveltejs/kit';
import { recordItems } from '$lib/server/ledger/parts';
import { reviewProxy } from '$lib/server/proxy/manage';
import { assemblyProxies } from '$lib/server/proxy/queries';
import { paperScope } from '../paper/scope';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, estate, assembly: a } = await paperScope(event);
	const items = await recordItems(db, a.id);
	return {
		estate: { id: estate.id },
		assembly: { id: a.id, title: a.title },
		items: items.map((i) => ({ id: i.id, title: i.title })),
		proxies: (await assemblyProxies(db, a.id)).map((p) => ({
			...p,
			directed: Object.keys(JSON.parse(p.directed))
		}))
	};
};

const review = (approve: boolean) => async (event: Parameters<Actions[string]>[0]) => {
	const { db, assembly, actorId } = await paperScope(event);
	const id = String((await event.request.formData()).get('id') ?? '');
	const r = await reviewProxy(db, { id, assemblyId: assembly.id, staffId: actorId, approve });
	return r.ok ? { done: true } : fail(400, { error: `proxy:error.${r.code}` });
};

export const actions: Actions = { verify: review(true), reject: review(false) };
