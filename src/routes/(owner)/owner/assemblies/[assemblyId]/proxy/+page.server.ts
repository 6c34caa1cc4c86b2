import { error, fail } from '@sveltejs/kit';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { getAssembly, recordItems } from '$lib/server/ledger/parts';
import { authoriseProxy, proxyMaxOf } from '$lib/server/proxy/authorise';
import { directionsFromForm } from '$lib/server/proxy/form';
import { revokeProxy } from '$lib/server/proxy/manage';
import { reissueNamedCode } from '$lib/server/proxy/named';
import { ownerProxies } from '$lib/server/proxy/queries';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function scope(event: RequestEvent) {
	const user = requireUser(event);
	if (!user.ownerId) error(403, { message: 'forbidden' });
	const a = await getAssembly(event.locals.db, event.params.assemblyId);
	if (!a || !['announced', 'open', 'closed', 'counted', 'published'].includes(a.state))
		error(404, { message: 'not_found' });
	await requireRole(event, a.estateId, 'owner');
	return { db: event.locals.db, user, ownerId: user.ownerId, assembly: a };
}

export const load: PageServerLoad = async (event) => {
	const { db, ownerId, assembly: a } = await scope(event);
	const items = await recordItems(db, a.id);
	return {
		assembly: { id: a.id, title: a.title, state: a.state },
		items,
		max: await proxyMaxOf(db, a.estateId),
		mine: (await ownerProxies(db, a.id, ownerId)).map((p) => ({
			...p,
			directed: JSON.parse(p.directed) as Record<string, unknown>,
			createdAt: undefined
		})),
		canAuthorise: a.state === 'announced' || a.state === 'open'
	};
};

export const actions: Actions = {
	authorise: async (event) => {
		const { db, user, ownerId, assembly: a } = await scope(event);
		const form = await event.request.formData();
		const items = await recordItems(db, a.id);
		const directed = directionsFromForm(form, items);
		const file = form.get('file');
		const bytes =
			file instanceof File && file.size ? new Uint8Array(await file.arrayBuffer()) : null;
		const r = await authoriseProxy(db, {
			assemblyId: a.id,
			ownerId,
			actorId: user.id,
			proxyLogin: String(form.get('proxyLogin') ?? ''),
			named:
				form.get('kind') === 'named'
					? {
							name: String(form.get('namedName') ?? ''),
							phone: String(form.get('namedPhone') ?? '')
						}
					: null,
			directed,
			bytes
		});
		if (!r.ok) return fail(400, { action: 'authorise', error: `proxy:error.${r.code}` });
		return { action: 'authorise', done: true, code: r.code ?? null };
	},
	revoke: async (event) => {
		const { db, user, ownerId } = await scope(event);
		const id = String((await event.request.formData()).get('id') ?? '');
		const r = await revokeProxy(db, { id, ownerId, actorId: user.id });
		if (!r.ok) return fail(400, { action: 'revoke', error: `proxy:error.${r.code}` });
		return { action: 'revoke', done: true };
	},
	reissue: async (event) => {
		const { db, user, ownerId } = await scope(event);
		const id = String((await event.request.formData()).get('id') ?? '');
		const r = await reissueNamedCode(db, { id, ownerId, actorId: user.id });
		if (!r.ok) return fail(400, { action: 'reissue', error: `proxy:error.${r.code}` });
		return { action: 'reissue', done: true, code: r.code };
	}
};
