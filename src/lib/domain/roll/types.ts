import type { Hundredths } from '../area';

/** The canonical columns of a roll file, in template order. */
export const ROLL_FIELDS = [
	'building',
	'unit',
	'kind',
	'area',
	'area_source',
	'owner_name',
	'id_number',
	'phone',
	'certificate_no',
	'co_owner_representative',
	'developer_unsold'
] as const;
export type RollField = (typeof ROLL_FIELDS)[number];

export const UNIT_KINDS = ['residence', 'shop', 'parking', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Highest precedence first — SPC 建筑物区分所有权解释 第8条: 登记簿 > 实测 > 合同. */
export const AREA_SOURCES = ['register', 'survey', 'contract'] as const;
export type AreaSource = (typeof AREA_SOURCES)[number];

/** Every problem code the roll engine can report; messages live in i18n/locales/{zh,en}/roll.json. */
export const PROBLEM_CODES = [
	'file.empty',
	'file.tooManyRows',
	'file.rowLimit',
	'file.tooManySheets',
	'file.tooManyColumns',
	'file.unpackedTooLarge',
	'file.parseLimit',
	'file.tooLarge',
	'file.unsupported',
	'file.unreadable',
	'file.encoding',
	'header.missing',
	'header.unknown',
	'header.duplicate',
	'row.extraCells',
	'cell.formula',
	'cell.tooLong',
	'cell.numberPrecision',
	'building.missing',
	'unit.missing',
	'kind.unknown',
	'area.invalid',
	'areaSource.unknown',
	'flag.invalid',
	'owner.nameMissing',
	'owner.idMissing',
	'owner.conflict',
	'unit.duplicate',
	'unit.noRepresentative',
	'unit.kindConflict',
	'unit.areaConflict',
	'unit.developerConflict'
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One problem: line is 1-based incl. the header (null: whole file); column as the file wrote it. */
export interface RollProblem {
	line: number | null;
	column: string | null;
	code: ProblemCode;
	params: Record<string, string | number>;
}

/** One data row of the file as text cells, with its 1-based line number (header = line 1). */
export interface RawRow {
	line: number;
	cells: string[];
}

/** What the file reader hands to the pure engine. */
export interface RollInput {
	header: string[];
	/** Line of the header row; default 1 (readers skip blank lines before it). */
	headerLine?: number;
	rows: RawRow[];
	/** Problems the reader already found per cell (e.g. XLSX numbers that lost digits). */
	problems?: RollProblem[];
}

/** HMAC of a normalised ID number with a server secret, injected by the shell. */
export type IdKey = (idNumber: string) => string;

/** A row after cell validation; the raw ID number is already replaced by its key. */
export interface RollRow {
	line: number;
	building: string;
	unit: string;
	kind: UnitKind;
	area: Hundredths;
	areaSource: AreaSource;
	ownerName: string;
	idKey: string | null;
	idLast4: string | null;
	phone: string;
	certificateNo: string;
	representative: boolean;
	developer: boolean;
}

/** Owner key of the developer (建设单位): all its unsold units are one owner — SPC 解释 第9条. */
export const DEVELOPER_KEY = 'developer';
