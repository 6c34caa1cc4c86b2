import { createAccount } from '../../src/lib/server/accounts';
import type { Db } from '../../src/lib/server/db/client';
import { createPlace } from '../../src/lib/server/places';

export const HEADER =
	'楼栋,房号,类型,面积,面积来源,业主姓名,证件号码,电话,产权证号,共有人代表,开发商未售';

/** A roll CSV (UTF-8 with a BOM, CRLF) from data lines. */
export const csv = (...lines: string[]) =>
	new TextEncoder().encode('\uFEFF' + [HEADER, ...lines].join('\r\n') + '\r\n');

/** Six units: two owned by 张三, one co-owned (李四 represents 王五), two developer units. */
export const V1 = [
	'1栋,101,住宅,89.50,登记簿,张三,110101199001011234,13800000001,京0001,,',
	'1栋,102,住宅,90,登记簿,张三,110101199001011234,,,,',
	'1栋,201,住宅,120.25,实测,李四,11010119850202567X,13800000002,,是,',
	'1栋,201,住宅,120.25,实测,王五,110101198703035678,13800000003,,否,',
	'1栋,202,住宅,100,登记簿,赵六,110101197001010011,13800000004,,,',
	'2栋,S01,商铺,50.00,合同,,,,,,是',
	'地库,B1-001,车位,12.5,合同,,,,,,是'
];

/** A district → street → community → estate chain and a staff account on the estate. */
export async function makeEstate(db: Db, name = '测试小区') {
	const ok = <T extends { ok: boolean }>(r: T) => {
		if (!r.ok) throw new Error(JSON.stringify(r));
		return r as Extract<T, { ok: true }>;
	};
	const d = ok(await createPlace(db, { kind: 'district', name: '区' }));
	const s = ok(await createPlace(db, { kind: 'street', name: '街道', parentId: d.place.id }));
	const c = ok(await createPlace(db, { kind: 'community', name: '社区', parentId: s.place.id }));
	const e = ok(await createPlace(db, { kind: 'estate', name, parentId: c.place.id }));
	const staff = ok(
		await createAccount(db, {
			login: `staff${Math.random().toString(36).slice(2, 8)}`,
			displayName: '筹备组',
			password: 'longenough',
			grants: [{ role: 'staff', placeId: e.place.id }]
		})
	);
	return { estateId: e.place.id, staffId: staff.id };
}
