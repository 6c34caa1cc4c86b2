import type { Db } from '../db/client';
import { appendAudit } from '../audit';
import { createPlace, getPlace, type CreatePlaceResult, type PlaceKind } from '../places';
import { adminPaths, inScope, ROOT_PATH } from './scope';

export type AdminPlaceResult = CreatePlaceResult | { ok: false; code: 'admin.outOfScope' };

/**
 * Admin use case: a new place, audited on the platform chain. The parent must lie within the
 * actor's grant; a district (no parent) needs the root grant.
 */
export function adminCreatePlace(
	db: Db,
	actorId: string,
	input: { kind: PlaceKind; name: string; parentId?: string | null }
): Promise<AdminPlaceResult> {
	return db.transaction(async (tx) => {
		const paths = await adminPaths(tx, actorId);
		const parent =
			input.kind === 'district' ? null : input.parentId ? await getPlace(tx, input.parentId) : null;
		const under = input.kind === 'district' ? ROOT_PATH : parent?.path;
		if (under && !inScope(paths, under)) return { ok: false, code: 'admin.outOfScope' } as const;
		const r = await createPlace(tx, input);
		if (r.ok) {
			await appendAudit(tx, {
				scope: 'platform',
				actorId,
				action: 'place.create',
				subject: r.place.id,
				after: r.place
			});
		}
		return r;
	});
}
