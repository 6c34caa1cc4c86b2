import type { RollField } from '$lib/domain/roll';

export type TemplateLocale = 'zh' | 'en';

// One sole owner, one co-owned unit (two rows, one representative), one developer-unsold space.
export const EXAMPLES: Record<TemplateLocale, string[][]> = {
	zh: [
		[
			'1栋',
			'101',
			'住宅',
			'89.50',
			'登记簿',
			'张三',
			'110101199001011234',
			'13800000001',
			'京(2020)朝阳区不动产权第0000001号',
			'',
			'否'
		],
		[
			'1栋',
			'102',
			'住宅',
			'120.25',
			'实测',
			'李四',
			'11010119850202567X',
			'13800000002',
			'',
			'是',
			'否'
		],
		[
			'1栋',
			'102',
			'住宅',
			'120.25',
			'实测',
			'王五',
			'110101198703035678',
			'13800000003',
			'',
			'否',
			'否'
		],
		['地库', 'B1-001', '车位', '12.50', '合同', '', '', '', '', '否', '是']
	],
	en: [
		[
			'Building 1',
			'101',
			'residence',
			'89.50',
			'register',
			'Zhang San',
			'110101199001011234',
			'13800000001',
			'CERT-0000001',
			'',
			'no'
		],
		[
			'Building 1',
			'102',
			'residence',
			'120.25',
			'survey',
			'Li Si',
			'11010119850202567X',
			'13800000002',
			'',
			'yes',
			'no'
		],
		[
			'Building 1',
			'102',
			'residence',
			'120.25',
			'survey',
			'Wang Wu',
			'110101198703035678',
			'13800000003',
			'',
			'no',
			'no'
		],
		['Garage', 'B1-001', 'parking', '12.50', 'contract', '', '', '', '', 'no', 'yes']
	]
};

export const NOTES: Record<TemplateLocale, Record<RollField, string>> = {
	zh: {
		building: '楼栋名称，如 1栋',
		unit: '房号，同一楼栋内唯一',
		kind: '住宅、商铺、车位 或 其他',
		area: '专有部分面积（㎡），大于 0，最多两位小数',
		area_source: '登记簿、实测 或 合同（登记簿优先于实测，实测优先于合同）',
		owner_name: '业主姓名；开发商未售的可留空',
		id_number: '身份证号或其他证件号；开发商未售的可留空',
		phone: '手机号（可选）',
		certificate_no: '不动产权证号（可选）',
		co_owner_representative: '共有房屋每个共有人一行，其中恰好一人填 是',
		developer_unsold: '开发商未售或未交付的填 是，否则留空或填 否'
	},
	en: {
		building: 'Building name, e.g. Building 1',
		unit: 'Unit label, unique within its building',
		kind: 'residence, shop, parking or other',
		area: 'Exclusive area in m², greater than 0, at most two decimals',
		area_source: 'register, survey or contract (register wins over survey over contract)',
		owner_name: 'Owner name; may be empty on developer-unsold rows',
		id_number: 'ID number; may be empty on developer-unsold rows',
		phone: 'Mobile number (optional)',
		certificate_no: 'Property certificate number (optional)',
		co_owner_representative: 'One row per co-owner of a unit; exactly one of them says yes',
		developer_unsold: 'yes for units the developer has not sold or delivered; else empty or no'
	}
};
