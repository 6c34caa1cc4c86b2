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

/** Validates one data row cell by cell; returns the row only when all its cells are valid. */
export function validateRow(
	raw: RawRow,
	{ columns, blankColumns, headerLength, idKey }: RowContext,
	problems: RollProblem[]
): RollRow | null {
	const before = problems.length;
	const report = (
		field: RollField | null,
		code: ProblemCode,
		params: Record<string, string | number> = {}
	) =>
		problems.push({
			line: raw.line,
			column: field ? (columns[field]?.name ?? null) : null,
			code,
			params
		});
	const cell = (field: RollField): string | null => {
		const col = columns[field];
		const v = col ? (raw.cells[col.index] ?? '').trim() : '';
		if (!isFormulaLike(v)) return v;
		if (field === 'area' && NEGATIVE_NUMBER.test(v))
			report(field, 'area.invalid', { value: echo(v) });
		else report(field, 'cell.formula');
		return null;
	};

	let extra = 0;
	for (let i = headerLength; i < raw.cells.length; i++) if (raw.cells[i].trim() !== '') extra++;
	for (const i of blankColumns) if ((raw.cells[i] ?? '').trim() !== '') extra++;
	if (extra > 0) report(null, 'row.extraCells', { count: extra });

	const building = cell('building');
	if (building === '') report('building', 'building.missing');
	const unit = cell('unit');
	if (unit === '') report('unit', 'unit.missing');

	const kindText = cell('kind');
	const kind = kindText === null ? null : parseKind(kindText);
	if (kindText !== null && kind === null) report('kind', 'kind.unknown', { value: echo(kindText) });

	const areaText = cell('area');
	const area = areaText === null ? null : parseUnitArea(areaText);
	if (areaText !== null && area === null) report('area', 'area.invalid', { value: echo(areaText) });

	const sourceText = cell('area_source');
	const areaSource = sourceText === null ? null : parseAreaSource(sourceText);
	if (sourceText !== null && areaSource === null)
		report('area_source', 'areaSource.unknown', { value: echo(sourceText) });

	const flag = (field: RollField): boolean => {
		const text = cell(field);
		const value = text === null ? null : parseFlag(text);
		if (text !== null && value === null) report(field, 'flag.invalid', { value: echo(text) });
		return value ?? false;
	};
	const representative = flag('co_owner_representative');
	const developer = flag('developer_unsold');

	const ownerName = cell('owner_name');
	if (ownerName === '' && !developer) report('owner_name', 'owner.nameMissing');
	const idText = cell('id_number');
	const id = idText === null ? null : normaliseIdNumber(idText);
	if (id === '' && !developer) report('id_number', 'owner.idMissing');
	const phone = cell('phone');
	const certificateNo = cell('certificate_no');

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
