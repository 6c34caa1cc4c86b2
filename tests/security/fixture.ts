import { createAccount } from '../../src/lib/server/accounts';
import { ROOT_PLACE_ID } from '../../src/lib/server/admin';
import type { Db } from '../../src/lib/server/db/client';
import { createPlace, type PlaceKind } from '../../src/lib/server/places';

async function must<T extends { ok: boolean }>(p: Promise<T>): Promise<Extract<T, { ok: true }>> {
	const r = await p;
	if (!r.ok) throw new Error(JSON.stringify(r));
	return r as Extract<T, { ok: true }>;
}

async function chain(db: Db, tag: string) {
	const ids: Record<PlaceKind, string> = { district: '', street: '', community: '', estate: '' };
	let parentId: string | null = null;
	for (const kind of ['district', 'street', 'community', 'estate'] as PlaceKind[]) {
		const r: { place: { id: string } } = await must(
			createPlace(db, { kind, name: `${tag}-${kind}`, parentId, id: `${tag}-${kind}` })
		);
		ids[kind] = r.place.id;
		parentId = r.place.id;
	}
	return ids;
}

export const PASSWORD = 'longenough1';

/** Two districts, each down to one estate; a root admin, an admin of district A, staff of both estates. */
export async function twoDistricts(db: Db) {
	const a = await chain(db, 'a');
	const b = await chain(db, 'b');
	const acc = async (
		login: string,
		role: 'admin' | 'staff' | 'oversight' | 'owner',
		placeId: string
	) =>
		(
			await must(
				createAccount(db, {
					login,
					displayName: login,
					password: PASSWORD,
					grants: [{ role, placeId }]
				})
			)
		).id;
	return {
		a,
		b,
		root: await acc('rootadmin', 'admin', ROOT_PLACE_ID),
		adminA: await acc('admina', 'admin', a.district),
		staffA: await acc('staffa', 'staff', a.estate),
		staffB: await acc('staffb', 'staff', b.estate),
		adminB: await acc('adminb', 'admin', b.district)
	};
}
