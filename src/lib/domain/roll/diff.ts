import type { Hundredths } from '../area';
import type { AreaSource, UnitKind } from './types';
import { unitKey } from './units';

/** A unit as stored in the roll; identified by building + unit label. */
export interface SnapshotUnit {
	building: string;
	unit: string;
	kind: UnitKind;
	area: Hundredths;
	areaSource: AreaSource;
	certificateNo: string;
	ownerKey: string;
	coOwnerKeys: string[];
}

/** An owner as stored in the roll; identified by idKey or DEVELOPER_KEY. */
export interface SnapshotOwner {
	key: string;
	kind: 'person' | 'developer';
	name: string;
	idLast4: string | null;
	phone: string;
}

export interface RollSnapshot {
	units: SnapshotUnit[];
	owners: SnapshotOwner[];
}

export interface Change<T> {
	key: string;
	before: T;
	after: T;
	fields: (keyof T)[];
}

export interface ListDiff<T> {
	added: T[];
	changed: Change<T>[];
	removed: T[];
	unchanged: number;
}

export interface RollDiff {
	units: ListDiff<SnapshotUnit>;
	owners: ListDiff<SnapshotOwner>;
	/** True when applying the new roll changes nothing. */
	empty: boolean;
}

const UNIT_FIELDS = [
	'kind',
	'area',
	'areaSource',
	'certificateNo',
	'ownerKey',
	'coOwnerKeys'
] as const;
const OWNER_FIELDS = ['kind', 'name', 'idLast4', 'phone'] as const;

/** Reduces a preview (or anything shaped like it) to the fields the roll stores. */
export function snapshotOf(roll: RollSnapshot): RollSnapshot {
	return {
		units: roll.units.map((u) => ({
			building: u.building,
			unit: u.unit,
			kind: u.kind,
			area: u.area,
			areaSource: u.areaSource,
			certificateNo: u.certificateNo,
			ownerKey: u.ownerKey,
			coOwnerKeys: [...u.coOwnerKeys]
		})),
		owners: roll.owners.map((o) => ({
			key: o.key,
			kind: o.kind,
			name: o.name,
			idLast4: o.idLast4,
			phone: o.phone
		}))
	};
}

function same(a: unknown, b: unknown): boolean {
	if (Array.isArray(a) && Array.isArray(b))
		return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
	return a === b;
}

function diffList<T>(
	before: T[],
	after: T[],
	keyOf: (t: T) => string,
	fields: readonly (keyof T)[]
): ListDiff<T> {
	const old = new Map(before.map((t) => [keyOf(t), t]));
	const result: ListDiff<T> = { added: [], changed: [], removed: [], unchanged: 0 };
	for (const next of after) {
		const key = keyOf(next);
		const prev = old.get(key);
		old.delete(key);
		if (!prev) {
			result.added.push(next);
			continue;
		}
		const changed = fields.filter((f) => !same(prev[f], next[f]));
		if (changed.length) result.changed.push({ key, before: prev, after: next, fields: changed });
		else result.unchanged++;
	}
	result.removed = [...old.values()];
	return result;
}

/** Compares the current roll with a new one: units by building+unit, owners by idKey/developer. */
export function diffRoll(current: RollSnapshot, next: RollSnapshot): RollDiff {
	const unitKeyOf = (u: SnapshotUnit) => unitKey(u.building, u.unit);
	const units = diffList(current.units, next.units, unitKeyOf, UNIT_FIELDS);
	const owners = diffList(current.owners, next.owners, (o) => o.key, OWNER_FIELDS);
	const empty = [units, owners].every(
		(d) => !d.added.length && !d.changed.length && !d.removed.length
	);
	return { units, owners, empty };
}
