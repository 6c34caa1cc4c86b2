import { ROLL_FIELDS, type RollField, type RollProblem } from './types';

/** Template headers per locale, in ROLL_FIELDS order. */
export const HEADER_LABELS: Record<'zh' | 'en', Record<RollField, string>> = {
	zh: {
		building: '楼栋',
		unit: '房号',
		kind: '类型',
		area: '面积',
		area_source: '面积来源',
		owner_name: '业主姓名',
		id_number: '证件号码',
		phone: '电话',
		certificate_no: '产权证号',
		co_owner_representative: '共有人代表',
		developer_unsold: '开发商未售'
	},
	en: Object.fromEntries(ROLL_FIELDS.map((f) => [f, f])) as Record<RollField, string>
};

const SYNONYMS: Record<RollField, string[]> = {
	building: ['楼号', '栋', '楼栋号', '栋号', '幢', '幢号', '楼'],
	unit: ['室号', '房间号', '门牌号', '户号', '房屋号', 'room'],
	kind: ['房屋类型', '用途', '房屋用途', 'type'],
	area: ['建筑面积', '专有部分面积', '专有面积'],
	area_source: ['面积依据'],
	owner_name: ['姓名', '业主', '业主名称', 'name', 'owner'],
	id_number: ['身份证号', '身份证号码', '证件号', 'id', 'idno'],
	phone: ['手机', '手机号', '手机号码', '联系电话', 'mobile', 'tel'],
	certificate_no: ['不动产权证号', '房产证号', '不动产权证书号', 'certificate'],
	co_owner_representative: ['代表', 'representative'],
	developer_unsold: ['建设单位未售', 'developer']
};

/** Trim, lowercase, drop spaces/_/- and a trailing unit in brackets ("面积（㎡）" → "面积"). */
export function normaliseHeader(name: string): string {
	return name
		.replace(/^\uFEFF/, '')
		.trim()
		.toLowerCase()
		.replace(/[(（][^()（）]*[)）]$/, '')
		.replace(/[\s_-]/g, '');
}

const LOOKUP = new Map<string, RollField>();
for (const field of ROLL_FIELDS) {
	const names = [HEADER_LABELS.zh[field], field, ...SYNONYMS[field]];
	for (const n of names) LOOKUP.set(normaliseHeader(n), field);
}

/** Columns a roll file must have; the others default to empty / 否. */
export const REQUIRED_FIELDS: readonly RollField[] = [
	'building',
	'unit',
	'kind',
	'area',
	'area_source',
	'owner_name',
	'id_number'
];

/** Column index and the header text as written, per recognised field. */
export type ColumnMap = Partial<Record<RollField, { index: number; name: string }>>;

/** Maps the header row to fields; unknown, duplicate and missing required columns are problems. */
export function mapHeader(
	header: string[],
	line = 1
): { columns: ColumnMap; problems: RollProblem[] } {
	const columns: ColumnMap = {};
	const problems: RollProblem[] = [];
	header.forEach((raw, index) => {
		const name = raw.replace(/^\uFEFF/, '').trim();
		if (name === '') return;
		const field = LOOKUP.get(normaliseHeader(name));
		if (!field) {
			problems.push({ line, column: name, code: 'header.unknown', params: { column: name } });
		} else if (columns[field]) {
			problems.push({ line, column: name, code: 'header.duplicate', params: { column: name } });
		} else {
			columns[field] = { index, name };
		}
	});
	for (const field of REQUIRED_FIELDS) {
		if (columns[field]) continue;
		const params = { field, column: HEADER_LABELS.zh[field] };
		problems.push({ line, column: null, code: 'header.missing', params });
	}
	return { columns, problems };
}
