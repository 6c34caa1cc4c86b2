import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { AREA_SOURCES, UNIT_KINDS } from '$lib/domain/roll';
import { requireUser } from '$lib/server/auth/guard';
import { findOwners, getUnit, rollLock, updateOwner, updateUnit } from '$lib/server/roll';
import { editRoll, readRoll } from '../../access';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { estate, canEdit } = await readRoll(event);
	const db = event.locals.db;
	const unit = await getUnit(db, estate.id, event.params.unitId);
	if (!unit) error(404, { message: 'not_found' });
	const ownerQ = event.url.searchParams.get('owner')?.trim() ?? '';
	const found = ownerQ ? await findOwners(db, estate.id, ownerQ) : [];
	const candidates = [
		{ id: unit.ownerId, name: unit.ownerName, kind: unit.ownerKind, idLast4: unit.ownerIdLast4 },
		...unit.coOwners.map((c) => ({ ...c, kind: 'person' })),
		...found
	].filter((o, i, all) => all.findIndex((x) => x.id === o.id) === i);
	const { locked } = await rollLock(db, estate.id);
	return {
		estate: { id: estate.id, name: estate.name },
		canEdit,
		locked,
		unit,
		candidates,
		ownerQ
	};
};

const UnitForm = z.object({
	building: z.string(),
	label: z.string(),
	kind: z.enum(UNIT_KINDS),
	area: z.string(),
	areaSource: z.enum(AREA_SOURCES),
	ownerId: z.string().min(1),
	certificateNo: z.string().default('')
});
const OwnerForm = z.object({
	ownerId: z.string().min(1),
	name: z.string(),
	phone: z.string().default(''),
	idNumber: z.string().default('')
});

export const actions: Actions = {
	unit: async (event) => {
		const estate = await editRoll(event);
		const parsed = UnitForm.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { unitError: 'roll:error.kind.unknown' });
		const r = await updateUnit(
			event.locals.db,
			requireUser(event).id,
			estate.id,
			event.params.unitId,
			parsed.data
		);
		if (!r.ok) return fail(400, { unitError: `roll:error.${r.code}` });
		return { unitSaved: true };
	},
	owner: async (event) => {
		const estate = await editRoll(event);
		const parsed = OwnerForm.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { ownerError: 'roll:error.owner.notFound' });
		const { ownerId, idNumber, ...patch } = parsed.data;
		const r = await updateOwner(event.locals.db, requireUser(event).id, estate.id, ownerId, {
			...patch,
			idNumber: idNumber.trim() || undefined
		});
		if (!r.ok) return fail(400, { ownerError: `roll:error.${r.code}` });
		return { ownerSaved: true };
	}
};
