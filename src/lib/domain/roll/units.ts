import type { Hundredths } from '../area';
import type { ColumnMap } from './headers';
import {
	AREA_SOURCES,
	DEVELOPER_KEY,
	type AreaSource,
	type RollProblem,
	type RollRow,
	type UnitKind
} from './types';

/** One unit (专有部分) of the roll; its voting owner is the co-owners' representative. */
export interface RollUnit {
	key: string;
	building: string;
	unit: string;
	kind: UnitKind;
	area: Hundredths;
	areaSource: AreaSource;
	certificateNo: string;
	/** The voting owner: the representative's idKey, or DEVELOPER_KEY. */
	ownerKey: string;
	/** The other co-owners (non-voting), by idKey. */
	coOwnerKeys: string[];
	lines: number[];
}

/** Identifies a unit by building and unit label (both trimmed, compared exactly). */
export function unitKey(building: string, unit: string): string {
	return `${building}\u0000${unit}`;
}

const rank = (s: AreaSource) => AREA_SOURCES.indexOf(s);

/**
 * Groups rows into units. Co-owners are several rows with exactly one 共有人代表; the same owner
 * twice or two representatives is a duplicate unit. The area is that of the rows with the
 * highest-precedence source (登记簿 > 实测 > 合同, SPC 解释 第8条); rows of that source must agree.
 * A missing representative is reported only when no row repeats an owner (that is a duplicate).
 */
export function groupUnits(
	rows: RollRow[],
	columns: ColumnMap,
	problems: RollProblem[]
): RollUnit[] {
	const groups = new Map<string, RollRow[]>();
	for (const row of rows) {
		const key = unitKey(row.building, row.unit);
		const group = groups.get(key);
		if (group) group.push(row);
		else groups.set(key, [row]);
	}
	const col = (f: keyof ColumnMap) => columns[f]?.name ?? null;
	const units: RollUnit[] = [];
	for (const [key, group] of groups) {
		const first = group[0];
		if (group.length === 1) {
			// Most units are one row: nothing to compare, the row's owner votes (same result as below).
			units.push({
				key,
				building: first.building,
				unit: first.unit,
				kind: first.kind,
				area: first.area,
				areaSource: first.areaSource,
				certificateNo: first.certificateNo,
				ownerKey: first.developer ? DEVELOPER_KEY : first.idKey!,
				coOwnerKeys: [],
				lines: [first.line]
			});
			continue;
		}
		const at = (
			row: RollRow,
			column: string | null,
			code: RollProblem['code'],
			params: RollProblem['params'] = {}
		) => problems.push({ line: row.line, column, code, params });
		for (const row of group.slice(1)) {
			if (row.developer !== first.developer)
				at(row, col('developer_unsold'), 'unit.developerConflict', { firstLine: first.line });
			if (row.kind !== first.kind)
				at(row, col('kind'), 'unit.kindConflict', { firstLine: first.line });
		}
		const best = group.reduce((a, r) => (rank(r.areaSource) < rank(a.areaSource) ? r : a));
		for (const row of group)
			if (row.areaSource === best.areaSource && row.area !== best.area)
				at(row, col('area'), 'unit.areaConflict', { firstLine: best.line });

		const names = { building: first.building, unit: first.unit };
		const seen = new Map<string, number>();
		const reported = new Set<RollRow>();
		for (const row of group) {
			const owner = row.developer ? DEVELOPER_KEY : row.idKey!;
			const firstLine = seen.get(owner);
			if (firstLine === undefined) seen.set(owner, row.line);
			else {
				at(row, col('id_number'), 'unit.duplicate', { ...names, firstLine });
				reported.add(row);
			}
		}
		const reps = group.length === 1 ? group : group.filter((r) => r.representative);
		if (reps.length === 0 && reported.size === 0) {
			const lines = group.map((r) => r.line).join(', ');
			at(first, col('co_owner_representative'), 'unit.noRepresentative', { ...names, lines });
		}
		for (const row of reps.slice(1))
			if (!reported.has(row))
				at(row, col('co_owner_representative'), 'unit.duplicate', {
					...names,
					firstLine: reps[0].line
				});

		const rep = reps[0] ?? first;
		const ownerKey = rep.developer ? DEVELOPER_KEY : rep.idKey!;
		const coOwnerKeys = [...seen.keys()].filter((k) => k !== ownerKey);
		units.push({
			key,
			building: first.building,
			unit: first.unit,
			kind: first.kind,
			area: best.area,
			areaSource: best.areaSource,
			certificateNo: rep.certificateNo || (group.find((r) => r.certificateNo)?.certificateNo ?? ''),
			ownerKey,
			coOwnerKeys,
			lines: group.map((r) => r.line)
		});
	}
	return units;
}
