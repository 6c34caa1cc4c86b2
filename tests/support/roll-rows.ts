import type { RawRow } from '../../src/lib/domain/roll/types';

/** A readable stand-in for the shell's HMAC: tests can see which ID a key stands for. */
export const fakeIdKey = (id: string) => `k:${id}`;

export const HEADER =
	'楼栋,房号,类型,面积,面积来源,业主姓名,证件号码,电话,产权证号,共有人代表,开发商未售';

/** Turns CSV-ish lines (no quoting) into rows numbered from line 2. */
export function rowsOf(...lines: string[]): RawRow[] {
	return lines.map((l, i) => ({ line: i + 2, cells: l.split(',') }));
}

export const header = (h = HEADER) => h.split(',');
