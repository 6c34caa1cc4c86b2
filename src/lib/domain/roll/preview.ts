import { formatArea, type Hundredths } from '../area';
import { mapHeader } from './headers';
import { detectOwners, type RollOwner } from './owners';
import { UNIT_KINDS, type IdKey, type RollInput, type RollProblem, type RollRow } from './types';
import type { UnitKind } from './types';
import { groupUnits, type RollUnit } from './units';
import { isBlankRow, validateRow, type RowContext } from './validate';

export interface PreviewOptions {
	/** HMAC of a normalised ID number; the raw number never leaves the engine. */
	idKey: IdKey;
	/** Unit kinds whose area and heads count (estate setting, SPC 解释 第2条); default all four. */
	countedKinds?: readonly UnitKind[];
	/** Data rows allowed in one file; default 100,000. */
	maxRows?: number;
}

export interface KindTotal {
	units: number;
	area: string;
	counted: boolean;
}

export interface BuildingTotal {
	building: string;
	units: number;
	countedUnits: number;
	/** Area of the counted units only. */
	area: string;
}

export interface RollTotals {
	units: number;
	countedUnits: number;
	/** Heads as the law counts them: owners voting for ≥1 counted unit, the developer one head. */
	heads: number;
	/** Area of the counted units, area string (docs/record-format.md § Conventions). */
	area: string;
	areaHundredths: Hundredths;
	byKind: Record<UnitKind, KindTotal>;
	byBuilding: BuildingTotal[];
}

export interface RollPreview {
	/** True when there is no problem: only then may the roll be imported. */
	ok: boolean;
	units: RollUnit[];
	owners: RollOwner[];
	totals: RollTotals;
	problems: RollProblem[];
}

export const DEFAULT_MAX_ROWS = 100_000;

/** Parses, validates and totals a roll; never throws on bad input, any problem blocks the import. */
export function previewRoll(input: RollInput, options: PreviewOptions): RollPreview {
	const counted = new Set(options.countedKinds ?? UNIT_KINDS);
	const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
	const problems: RollProblem[] = [...(input.problems ?? [])];
	const rawRows = input.rows.filter((r) => !isBlankRow(r));
	const done = (units: RollUnit[] = [], owners: RollOwner[] = []) => {
		const column = new Map(input.header.map((h, i) => [h.replace(/^\uFEFF/, '').trim(), i]));
		const order = (p: RollProblem) => (p.column === null ? -1 : (column.get(p.column) ?? -1));
		problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || order(a) - order(b));
		return finish(units, owners, counted, problems);
	};

	if (input.header.every((h) => h.trim() === '') || rawRows.length === 0) {
		problems.push({ line: null, column: null, code: 'file.empty', params: {} });
		return done();
	}
	if (rawRows.length > maxRows) {
		const params = { max: maxRows, rows: rawRows.length };
		problems.push({ line: null, column: null, code: 'file.tooManyRows', params });
		return done();
	}
	const header = mapHeader(input.header, input.headerLine);
	problems.push(...header.problems);
	if (header.problems.some((p) => p.code !== 'header.unknown')) return done();

	const context: RowContext = {
		columns: header.columns,
		blankColumns: input.header.flatMap((h, i) => (h.trim() === '' ? [i] : [])),
		headerLength: input.header.length,
		idKey: options.idKey
	};
	const rows: RollRow[] = [];
	for (const raw of rawRows) {
		const row = validateRow(raw, context, problems);
		if (row) rows.push(row);
	}
	const units = groupUnits(rows, header.columns, problems);
	const owners = detectOwners(rows, units, counted, header.columns, problems);
	return done(units, owners);
}

function finish(
	units: RollUnit[],
	owners: RollOwner[],
	counted: ReadonlySet<UnitKind>,
	problems: RollProblem[]
): RollPreview {
	const kinds = new Map(UNIT_KINDS.map((k) => [k, { units: 0, area: 0n }]));
	const buildings = new Map<string, { units: number; countedUnits: number; area: Hundredths }>();
	let area = 0n;
	let countedUnits = 0;
	for (const u of units) {
		const k = kinds.get(u.kind)!;
		k.units++;
		k.area += u.area;
		let b = buildings.get(u.building);
		if (!b) buildings.set(u.building, (b = { units: 0, countedUnits: 0, area: 0n }));
		b.units++;
		if (!counted.has(u.kind)) continue;
		countedUnits++;
		area += u.area;
		b.countedUnits++;
		b.area += u.area;
	}
	const byKind = Object.fromEntries(
		UNIT_KINDS.map((kind) => {
			const k = kinds.get(kind)!;
			return [kind, { units: k.units, area: formatArea(k.area), counted: counted.has(kind) }];
		})
	) as Record<UnitKind, KindTotal>;
	const byBuilding = [...buildings].map(([building, b]) => ({
		building,
		units: b.units,
		countedUnits: b.countedUnits,
		area: formatArea(b.area)
	}));
	const totals: RollTotals = {
		units: units.length,
		countedUnits,
		heads: owners.filter((o) => o.head).length,
		area: formatArea(area),
		areaHundredths: area,
		byKind,
		byBuilding
	};
	return { ok: problems.length === 0, units, owners, totals, problems };
}
