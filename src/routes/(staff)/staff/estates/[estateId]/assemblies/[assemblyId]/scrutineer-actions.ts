import { fail } from '@sveltejs/kit';
import type { Db } from '$lib/server/db/client';
import { nameScrutineer, removeScrutineer, ScrutineerInput } from '$lib/server/minutes/scrutineers';
import { refreshMinutes } from '$lib/server/minutes/store';
import { getAssembly } from '$lib/server/ledger/parts';

type Scope<E> = (event: E) => Promise<{ db: Db; actorId: string; assemblyId: string }>;

/** Naming and removing scrutineers; once counted, the minutes get a new version. */
export function scrutineerActions<E extends { request: Request }>(scope: Scope<E>) {
	const after = async (s: { db: Db; actorId: string; assemblyId: string }) => {
		if ((await getAssembly(s.db, s.assemblyId))?.state === 'counted')
			void refreshMinutes(s.db, s.assemblyId, s.actorId);
		return { action: 'scrutineer', done: true };
	};
	return {
		nameScrutineer: async (event: E) => {
			const s = await scope(event);
			const parsed = ScrutineerInput.safeParse(Object.fromEntries(await event.request.formData()));
			if (!parsed.success)
				return fail(400, { action: 'scrutineer', error: 'minutes:error.scrutineer.invalid' });
			const r = await nameScrutineer(s.db, { ...s, ...parsed.data });
			return r.ok
				? after(s)
				: fail(400, { action: 'scrutineer', error: `minutes:error.${r.code}` });
		},
		removeScrutineer: async (event: E) => {
			const s = await scope(event);
			const id = String((await event.request.formData()).get('id') ?? '');
			const r = await removeScrutineer(s.db, { ...s, id });
			return r.ok
				? after(s)
				: fail(400, { action: 'scrutineer', error: `minutes:error.${r.code}` });
		}
	};
}
