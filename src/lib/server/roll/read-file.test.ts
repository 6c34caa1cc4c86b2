import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { previewRoll, type RollProblem } from '$lib/domain/roll';
import { readRollFile, type ReadRollResult, type RollFile } from './read-file';

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/roll/${name}`));
const idKey = (id: string) => `k:${id}`;

function file(result: ReadRollResult): RollFile {
	if ('error' in result) throw new Error(`unexpected ${result.error.code}`);
	return result;
}
const problemsOf = async (bytes: Uint8Array, name: string) =>
	previewRoll(file(await readRollFile(bytes, name)), { idKey }).problems.map((p: RollProblem) => [
		p.line,
		p.column,
		p.code
	]);

const GOOD = { units: 5, countedUnits: 5, heads: 3, area: '362.25' };

describe('readRollFile: CSV encodings', () => {
	const utf8 = fixture('good.csv');
	it('reads UTF-8 with a BOM and the preview counts the estate', async () => {
		const f = file(await readRollFile(utf8, 'roll.csv'));
		expect(f).toMatchObject({ format: 'csv', encoding: 'utf-8', headerLine: 1 });
		expect(f.header[0]).toBe('楼栋');
		expect(f.rows[0]).toEqual({
			line: 2,
			cells: expect.arrayContaining(['京(2020)朝阳区不动产权第0000001号'])
		});
		const p = previewRoll(f, { idKey });
		expect(p.problems).toEqual([]);
		expect(p.totals).toMatchObject(GOOD);
	});
	it('reads the same content without a BOM, in GBK (Chinese Excel) and in UTF-16', async () => {
		const text = new TextDecoder().decode(utf8).replace(/^\uFEFF/, '');
		const variants: [Uint8Array, string][] = [
			[new TextEncoder().encode(text), 'utf-8'],
			[new Uint8Array(iconv.encode(text, 'gbk')), 'gb18030'],
			[new Uint8Array(iconv.encode(text, 'utf-16le', { addBOM: true })), 'utf-16le']
		];
		for (const [bytes, encoding] of variants) {
			const f = file(await readRollFile(bytes, '名册.CSV'));
			expect(f.encoding).toBe(encoding);
			expect(previewRoll(f, { idKey }).totals).toMatchObject(GOOD);
		}
	});
	it('accepts an English header with English values, and Chinese synonyms', async () => {
		const en = previewRoll(file(await readRollFile(fixture('good-en.csv'), 'roll.csv')), { idKey });
		expect(en.problems).toEqual([]);
		expect(en.totals).toMatchObject(GOOD);
		const syn = previewRoll(file(await readRollFile(fixture('synonyms.csv'), 'r.csv')), { idKey });
		expect(syn.problems).toEqual([]);
		expect(syn.units[0]).toMatchObject({ building: '1栋', unit: '101', area: 8950n });
	});
	it('counts physical lines, so a quoted newline shifts the lines after it', async () => {
		expect(await problemsOf(fixture('multiline.csv'), 'm.csv')).toEqual([
			[5, '面积', 'area.invalid']
		]);
	});
});

describe('readRollFile: problems', () => {
	it('reports each error kind of errors.csv by line and column', async () => {
		expect(await problemsOf(fixture('errors.csv'), 'errors.csv')).toEqual([
			[2, '面积', 'area.invalid'],
			[3, '类型', 'kind.unknown'],
			[4, '面积来源', 'areaSource.unknown'],
			[5, '共有人代表', 'flag.invalid'],
			[6, '业主姓名', 'owner.nameMissing'],
			[6, '证件号码', 'owner.idMissing'],
			[7, '楼栋', 'building.missing'],
			[7, '房号', 'unit.missing'],
			[8, '业主姓名', 'cell.formula'],
			[9, '共有人代表', 'unit.noRepresentative'],
			[12, '共有人代表', 'unit.duplicate'],
			[13, '业主姓名', 'owner.conflict']
		]);
	});
	it('reports unknown and missing columns', async () => {
		const codes = (await problemsOf(fixture('bad-header.csv'), 'b.csv')).map((p) => p[2]);
		expect(codes).toEqual([...Array(4).fill('header.missing'), 'header.unknown']);
	});
	it.each([
		['empty.csv', 'file.empty'],
		['header-only.csv', 'file.empty']
	])('%s → %s', async (name, code) => {
		const result = await readRollFile(fixture(name), name);
		const problems = 'error' in result ? [result.error] : previewRoll(result, { idKey }).problems;
		expect(problems.map((p) => p.code)).toEqual([code]);
	});
	it('rejects files that are not CSV or XLSX, too large, or not text', async () => {
		const err = async (bytes: Uint8Array, name: string, maxBytes?: number) => {
			const r = await readRollFile(bytes, name, { maxBytes });
			return 'error' in r ? [r.error.code, r.error.params] : null;
		};
		const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
		expect(await err(ole, 'roll.xls')).toEqual(['file.unsupported', { extension: '.xls' }]);
		expect(await err(fixture('good.csv'), 'roll.pdf')).toEqual([
			'file.unsupported',
			{ extension: '.pdf' }
		]);
		expect(await err(fixture('good.csv'), 'r.csv', 100)).toEqual([
			'file.tooLarge',
			{ maxMb: 100 / 2 ** 20 }
		]);
		expect(await err(new Uint8Array([0x81, 0x00, 0x01, 0xff]), 'r.csv')).toEqual([
			'file.encoding',
			{}
		]);
		expect(await err(new TextEncoder().encode('a,"b\n'), 'r.csv')).toEqual([
			'file.unreadable',
			{ format: 'CSV' }
		]);
		expect(await err(new TextEncoder().encode('not a zip'), 'r.xlsx')).toEqual([
			'file.unreadable',
			{ format: 'XLSX' }
		]);
	});
});

describe('readRollFile: XLSX', () => {
	async function xlsx(rows: ExcelJS.CellValue[][], leadingBlankRows = 0): Promise<Uint8Array> {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('名册');
		rows.forEach((r, i) => (sheet.getRow(i + 1 + leadingBlankRows).values = r));
		return new Uint8Array(await workbook.xlsx.writeBuffer());
	}
	const header = [
		'楼栋',
		'房号',
		'类型',
		'面积',
		'面积来源',
		'业主姓名',
		'证件号码',
		'电话',
		'共有人代表'
	];

	it('reads cells as text: numbers keep their decimals, rich text and booleans become text', async () => {
		const bytes = await xlsx([
			header,
			[
				'1栋',
				101,
				'住宅',
				89.5,
				'登记簿',
				{ richText: [{ text: '张' }, { text: '三' }] },
				'110101199001011234',
				13800000001,
				false
			],
			['1栋', 102, '住宅', 120.25, '实测', '李四', '11010119850202567X', null, null]
		]);
		const f = file(await readRollFile(bytes, 'roll.xlsx'));
		expect(f).toMatchObject({ format: 'xlsx', encoding: null, headerLine: 1 });
		expect(f.rows[0].cells).toEqual([
			'1栋',
			'101',
			'住宅',
			'89.5',
			'登记簿',
			'张三',
			'110101199001011234',
			'13800000001',
			'false'
		]);
		const p = previewRoll(f, { idKey });
		expect(p.problems).toEqual([]);
		expect(p.totals).toMatchObject({ units: 2, heads: 2, area: '209.75' });
	});
	it('rejects formulas as cell.formula and IDs stored as numbers that lost digits', async () => {
		const bytes = await xlsx(
			[
				header,
				[
					'1栋',
					'101',
					'住宅',
					{ formula: '80+9.5', result: 89.5 },
					'登记簿',
					'张三',
					// eslint-disable-next-line no-loss-of-precision -- an ID typed into Excel as a number loses digits; that is the case under test
					110101199001011234,
					'',
					''
				],
				['1栋', '102', '住宅', 90, '登记簿', '李四', 'B2', '', '']
			],
			2
		);
		const result = file(await readRollFile(bytes, 'upload.bin'));
		expect(result.headerLine).toBe(3);
		expect(await problemsOf(bytes, 'roll.xlsx')).toEqual([
			[4, '面积', 'cell.formula'],
			[4, '证件号码', 'cell.numberPrecision']
		]);
	});
	it('reports an XLSX without rows as empty', async () => {
		const result = await readRollFile(await xlsx([]), 'empty.xlsx');
		expect('error' in result && result.error.code).toBe('file.empty');
	});
});
