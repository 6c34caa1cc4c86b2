import type { ColumnMap } from './headers';
import {
	idLast4,
	isFormulaLike,
	normaliseIdNumber,
	parseAreaSource,
	parseFlag,
	parseKind,
	parseUnitArea
} from './cells';
import type { IdKey, ProblemCode, RawRow, RollField, RollProblem, RollRow } from './types';

const NEGATIVE_NUMBER = /^-\d/;

/** Cell values echoed in messages are cut short; ID numbers are never echoed. */
function echo(s: string): string {
	return s.length > 40 ? s.slice(0, 40) + '…' : s;
}

/** What validateRow needs to know about the file besides the row. */
export interface RowContext {
	columns: ColumnMap;
	/** Columns whose header cell is empty: data there belongs to no field. */
	blankColumns: number[];
	headerLength: number;
	idKey: IdKey;
}

/** One row being validated: its cells are read and its problems reported through this. */
class RowReader {
	constructor(
		readonly raw: RawRow,
		readonly columns: ColumnMap,
		readonly problems: RollProblem[]
	) {}

	report(field: RollField | null, code: ProblemCode, params: Record<string, string | number> = {}) {
		const column = field ? (this.columns[field]?.name ?? null) : null;
		this.problems.push({ line: this.raw.line, column, code, params });
	}

	/** The trimmed cell of `field` ('' when the column is absent); null when it looks like a formula. */
	cell(field: RollField): string | null {
		const col = this.columns[field];
		const v = col ? (this.raw.cells[col.index] ?? '').trim() : '';
		if (!isFormulaLike(v)) return v;
		if (field === 'area' && NEGATIVE_NUMBER.test(v))
			this.report(field, 'area.invalid', { value: echo(v) });
		else this.report(field, 'cell.formula');
		return null;
	}

	/** A 是/否 cell; false when empty or invalid (an invalid one is reported). */
	flag(field: RollField): boolean {
		const text = this.cell(field);
		const value = text === null ? null : parseFlag(text);
		if (text !== null && value === null) this.report(field, 'flag.invalid', { value: echo(text) });
		return value ?? false;
	}
}

/** Validates one data row cell by cell; returns the row only when all its cells are valid. */
export function validateRow(
	raw: RawRow,
	{ columns, blankColumns, headerLength, idKey }: RowContext,
	problems: RollProblem[]
): RollRow | null {
	const before = problems.length;
	const r = new RowReader(raw, columns, problems);

	let extra = 0;
	for (let i = headerLength; i < raw.cells.length; i++) if (raw.cells[i].trim() !== '') extra++;
	for (const i of blankColumns) if ((raw.cells[i] ?? '').trim() !== '') extra++;
	if (extra > 0) r.report(null, 'row.extraCells', { count: extra });

	const building = r.cell('building');
	if (building === '') r.report('building', 'building.missing');
	const unit = r.cell('unit');
	if (unit === '') r.report('unit', 'unit.missing');

	const kindText = r.cell('kind');
	const kind = kindText === null ? null : parseKind(kindText);
	if (kindText !== null && kind === null)
		r.report('kind', 'kind.unknown', { value: echo(kindText) });

	const areaText = r.cell('area');
	const area = areaText === null ? null : parseUnitArea(areaText);
	if (areaText !== null && area === null)
		r.report('area', 'area.invalid', { value: echo(areaText) });

	const sourceText = r.cell('area_source');
	const areaSource = sourceText === null ? null : parseAreaSource(sourceText);
	if (sourceText !== null && areaSource === null)
		r.report('area_source', 'areaSource.unknown', { value: echo(sourceText) });

	const representative = r.flag('co_owner_representative');
	const developer = r.flag('developer_unsold');

	const ownerName = r.cell('owner_name');
	if (ownerName === '' && !developer) r.report('owner_name', 'owner.nameMissing');
	const idText = r.cell('id_number');
	const id = idText === null ? null : normaliseIdNumber(idText);
	if (id === '' && !developer) r.report('id_number', 'owner.idMissing');
	const phone = r.cell('phone');
	const certificateNo = r.cell('certificate_no');

	if (problems.length > before) return null;
	const personalId = developer || !id ? null : id;
	return {
		line: raw.line,
		building: building!,
		unit: unit!,
		kind: kind!,
		area: area!,
		areaSource: areaSource!,
		ownerName: ownerName!,
		idKey: personalId === null ? null : idKey(personalId),
		idLast4: personalId === null ? null : idLast4(personalId),
		phone: phone!,
		certificateNo: certificateNo!,
		representative,
		developer
	};
}

/** True for rows Excel leaves behind with no content; they are skipped, not reported. */
export function isBlankRow(raw: RawRow): boolean {
	return raw.cells.every((c) => c.trim() === '');
}
