import type { Db } from './db/client';
import { createAccount, type CreateAccountResult } from './accounts';
import { appendAudit } from './audit';
import type { Role } from './auth/guard';
import { createPlace, getPlace, type CreatePlaceResult, type PlaceKind } from './places';

/** Admin use case: a new place, audited on the platform chain. */
export function adminCreatePlace(
	db: Db,
	actorId: string,
	input: { kind: PlaceKind; name: string; parentId?: string | null }
): Promise<CreatePlaceResult> {
	return db.transaction(async (tx) => {
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

const ROLE_PLACE: Record<Exclude<Role, 'owner'>, PlaceKind[]> = {
	admin: ['district', 'street', 'community', 'estate'],
	oversight: ['street', 'community'],
	staff: ['estate']
};

export type AdminAccountResult = CreateAccountResult | { ok: false; code: 'account.placeKind' };

/** Staff accounts belong to an estate, oversight to a street or community. */
export function adminCreateAccount(
	db: Db,
	actorId: string,
	input: {
		login: string;
		displayName: string;
		password: string;
		role: Exclude<Role, 'owner'>;
		placeId: string;
	}
): Promise<AdminAccountResult> {
	return db.transaction(async (tx) => {
		const target = await getPlace(tx, input.placeId);
		if (!target || !ROLE_PLACE[input.role].includes(target.kind))
			return { ok: false, code: 'account.placeKind' } as const;
		const r = await createAccount(tx, {
			...input,
			grants: [{ role: input.role, placeId: input.placeId }]
		});
		if (r.ok) {
			await appendAudit(tx, {
				scope: 'platform',
				actorId,
				action: 'account.create',
				subject: r.id,
				after: {
					login: input.login.trim().toLowerCase(),
					displayName: input.displayName,
					role: input.role,
					placeId: input.placeId
				}
			});
		}
		return r;
	});
}
