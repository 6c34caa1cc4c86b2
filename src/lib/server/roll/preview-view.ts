import { formatArea } from '$lib/domain/area';
import {
	DEVELOPER_KEY,
	type Change,
	type RollSnapshot,
	type SnapshotOwner,
	type SnapshotUnit
} from '$lib/domain/roll';
import type { ImportPreview } from './import-roll';

/** Lines of a diff as the preview page shows them: names and last four ID digits, no keys. */
export interface UnitLine {
	building: string;
	unit: string;
	kind: string;
	area: string;
	owner: string;
}
export interface OwnerLine {
	name: string;
	idLast4: string | null;
	phone: string;
	developer: boolean;
}
export interface FieldChange {
	field: string;
	before: string;
	after: string;
}
interface Section<T> {
	added: T[];
	changed: { label: string; changes: FieldChange[] }[];
	removed: T[];
	counts: { added: number; changed: number; removed: number; unchanged: number };
}

export interface PreviewView {
	ok: boolean;
	file: string;
	token?: string;
	sha256: string;
	format: string | null;
	encoding: string | null;
	problems: { line: number | null; column: string | null; code: string; message: string }[];
	totals: { units: number; heads: number; area: string; countedUnits: number } | null;
	owners: { persons: number; developerUnits: number; multiUnit: number; coOwned: number } | null;
	diff: {
		units: Section<UnitLine>;
		owners: Section<OwnerLine>;
		kept: number;
		empty: boolean;
	} | null;
}

function namer(...snapshots: (RollSnapshot | null)[]) {
	const owners = new Map<string, SnapshotOwner>();
	for (const s of snapshots) for (const o of s?.owners ?? []) owners.set(o.key, o);
	return (key: string) => {
		const o = owners.get(key);
		if (!o) return '';
		if (o.key === DEVELOPER_KEY) return o.name || '开发商';
		return o.idLast4 ? `${o.name}（…${o.idLast4}）` : o.name;
	};
}

function section<T, L>(
	d: { added: T[]; changed: Change<T>[]; removed: T[]; unchanged: number },
	line: (t: T) => L,
	label: (t: T) => string,
	show: (field: keyof T, t: T) => string,
	limit: number
): Section<L> {
	return {
		added: d.added.slice(0, limit).map(line),
		removed: d.removed.slice(0, limit).map(line),
		changed: d.changed.slice(0, limit).map((c) => ({
			label: label(c.after),
			changes: c.fields.map((f) => ({
				field: String(f),
				before: show(f, c.before),
				after: show(f, c.after)
			}))
		})),
		counts: {
			added: d.added.length,
			changed: d.changed.length,
			removed: d.removed.length,
			unchanged: d.unchanged
		}
	};
}

/** Shapes a preview for the page: every problem, counts, and at most `limit` lines per list. */
export function previewView(p: ImportPreview, file: string, limit = 200): PreviewView {
	const name = namer(p.current, p.next);
	const unitLine = (u: SnapshotUnit): UnitLine => ({
		building: u.building,
		unit: u.unit,
		kind: u.kind,
		area: formatArea(u.area),
		owner: name(u.ownerKey)
	});
	const showUnit = (f: keyof SnapshotUnit, u: SnapshotUnit) =>
		f === 'area'
			? formatArea(u.area)
			: f === 'ownerKey'
				? name(u.ownerKey)
				: f === 'coOwnerKeys'
					? u.coOwnerKeys.map(name).join('、')
					: String(u[f]);
	const ownerLine = (o: SnapshotOwner): OwnerLine => ({
		name: o.name,
		idLast4: o.idLast4,
		phone: o.phone,
		developer: o.key === DEVELOPER_KEY
	});
	const units = p.preview?.units ?? [];
	const owners = p.preview?.owners ?? [];
	return {
		ok: p.ok,
		file,
		sha256: p.sha256,
		format: p.format,
		encoding: p.encoding,
		problems: p.problems.map(({ line, column, code, message }) => ({
			line,
			column,
			code,
			message
		})),
		totals: p.preview && {
			units: p.preview.totals.units,
			heads: p.preview.totals.heads,
			area: p.preview.totals.area,
			countedUnits: p.preview.totals.countedUnits
		},
		owners: p.preview && {
			persons: owners.filter((o) => o.kind === 'person').length,
			developerUnits: units.filter((u) => u.ownerKey === DEVELOPER_KEY).length,
			multiUnit: owners.filter((o) => o.unitKeys.length > 1).length,
			coOwned: units.filter((u) => u.coOwnerKeys.length > 0).length
		},
		diff: p.diff && {
			units: section(p.diff.units, unitLine, (u) => `${u.building} ${u.unit}`, showUnit, limit),
			owners: section(
				p.diff.owners,
				ownerLine,
				(o) => name(o.key),
				(f, o) => String(o[f] ?? ''),
				limit
			),
			kept: p.keptOwnerKeys.length,
			empty: p.diff.empty
		}
	};
}
