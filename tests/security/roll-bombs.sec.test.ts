import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/lib/i18n/roll-problems';
import { ROLL_LIMITS } from '../../src/lib/server/roll/limits';
import { readRollFile } from '../../src/lib/server/roll/read-file';
import { readRollFileOffThread, rollReadStats } from '../../src/lib/server/roll/read-off-thread';

interface Part {
	name: string;
	/** Deflated bytes, the uncompressed size and CRC the zip declares. */
	packed: Buffer;
	size: number;
	crc: number;
}

const part = (name: string, text: string): Part => {
	const raw = Buffer.from(text, 'utf8');
	return { name, packed: deflateRawSync(raw), size: raw.length, crc: crc32(raw) };
};

/** A deflated zip of the parts, with the sizes they declare. */
function zip(parts: Part[]): Uint8Array {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const p of parts) {
		const name = Buffer.from(p.name);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(p.crc, 14);
		local.writeUInt32LE(p.packed.length, 18);
		local.writeUInt32LE(p.size, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(p.crc, 16);
		central.writeUInt32LE(p.packed.length, 20);
		central.writeUInt32LE(p.size, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, p.packed);
		centrals.push(central, name);
		offset += 30 + name.length + p.packed.length;
	}
	const cd = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(parts.length, 8);
	end.writeUInt16LE(parts.length, 10);
	end.writeUInt32LE(cd.length, 12);
	end.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function frame(sheets: number): Part[] {
	const ids = Array.from({ length: sheets }, (_, i) => i + 1);
	return [
		part(
			'[Content_Types].xml',
			`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`
		),
		part(
			'_rels/.rels',
			`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
		),
		part(
			'xl/workbook.xml',
			`<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${ids.map((i) => `<sheet name="S${i}" sheetId="${i}" r:id="rId${i}"/>`).join('')}</sheets></workbook>`
		),
		part(
			'xl/_rels/workbook.xml.rels',
			`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${ids.map((i) => `<Relationship Id="rId${i}" Type="${REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`).join('')}${`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`}</Relationships>`
		)
	];
}

const sheetXml = (rows: string) =>
	`<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`;
const HEADER_ROW = `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`;

/** The attack's shared-strings bomb: one string of `mb` MB, deflated by a stream (~300 KB). */
async function sharedStringsBomb(mb: number): Promise<Uint8Array> {
	const head = Buffer.from(
		`<?xml version="1.0"?><sst xmlns="${NS}" count="1" uniqueCount="1"><si><t>`
	);
	const tail = Buffer.from(`</t></si></sst>`);
	const chunk = Buffer.alloc(2 ** 20, 'A');
	const deflate = createDeflateRaw({ level: 9 });
	const out: Buffer[] = [];
	deflate.on('data', (d: Buffer) => out.push(d));
	const finished = new Promise((r) => deflate.on('end', r));
	let crc = crc32(head);
	deflate.write(head);
	for (let i = 0; i < mb; i++) {
		crc = crc32(chunk, crc);
		if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
	}
	crc = crc32(tail, crc);
	deflate.end(tail);
	await finished;
	const strings: Part = {
		name: 'xl/sharedStrings.xml',
		packed: Buffer.concat(out),
		size: head.length + mb * 2 ** 20 + tail.length,
		crc
	};
	return zip([...frame(1), strings, part('xl/worksheets/sheet1.xml', sheetXml(HEADER_ROW))]);
}

function xlsxRows(n: number): Uint8Array {
	const rows = [`<row r="1"><c r="A1" t="inlineStr"><is><t>楼栋</t></is></c></row>`];
	for (let r = 2; r <= n + 1; r++)
		rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${r}</t></is></c></row>`);
	return zip([...frame(1), part('xl/worksheets/sheet1.xml', sheetXml(rows.join('')))]);
}

const HEADER = '楼栋,房号,房屋类型,建筑面积,面积来源,业主姓名,身份证号,手机号';
function csvRows(n: number): Uint8Array {
	const lines = [HEADER];
	for (let i = 0; i < n; i++) lines.push(`${1 + (i % 30)},${i},,,,,,`);
	return new TextEncoder().encode(lines.join('\n'));
}

const problemOf = (r: Awaited<ReturnType<typeof readRollFile>>) => ('error' in r ? r.error : null);

describe('#2 spreadsheet and CSV bombs are refused, read off the request thread', () => {
	it('the 300 MB shared-strings bomb (~300 KB file) is refused before it is unpacked', async () => {
		const bomb = await sharedStringsBomb(300);
		expect(bomb.length).toBeLessThan(1_000_000);
		const heapBefore = process.memoryUsage().heapUsed;
		expect(problemOf(await readRollFile(bomb, 'roll.xlsx'))).toEqual({
			line: null,
			column: null,
			code: 'file.unpackedTooLarge',
			params: { maxMb: ROLL_LIMITS.unpackedBytes / 2 ** 20 }
		});
		// Refused from the declared size: nothing near 300 MB was ever allocated.
		expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 2 ** 20);
		const before = rollReadStats().worker;
		expect(problemOf(await readRollFileOffThread(bomb, 'roll.xlsx'))?.code).toBe(
			'file.unpackedTooLarge'
		);
		expect(rollReadStats().worker).toBe(before + 1);
	});

	it('a zip entry that unpacks past its declared size is refused at that size', async () => {
		const big = Buffer.alloc(20 * 2 ** 20, 'A');
		const lying: Part = {
			name: 'xl/sharedStrings.xml',
			packed: deflateRawSync(big),
			size: 1000,
			crc: 0
		};
		const file = zip([...frame(1), lying, part('xl/worksheets/sheet1.xml', sheetXml(HEADER_ROW))]);
		expect(problemOf(await readRollFile(file, 'roll.xlsx'))?.code).toBe('file.unpackedTooLarge');
	});

	it('a workbook of 40 sheets is refused', async () => {
		const sheets = Array.from({ length: 40 }, (_, i) =>
			part(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(HEADER_ROW))
		);
		expect(problemOf(await readRollFile(zip([...frame(40), ...sheets]), 'r.xlsx'))).toEqual({
			line: null,
			column: null,
			code: 'file.tooManySheets',
			params: { count: 40, max: 32 }
		});
	});

	it('an XLSX of 600,000 rows stops at the line past 100,000 data rows', async () => {
		const r = await readRollFileOffThread(xlsxRows(600_000), 'roll.xlsx');
		expect(problemOf(r)).toEqual({
			line: 100_002,
			column: null,
			code: 'file.rowLimit',
			params: { max: 100_000 }
		});
	});

	it('a CSV of 600,000 rows stops at line 100,002; the request thread keeps running meanwhile', async () => {
		const file = csvRows(600_000);
		expect(file.length).toBeGreaterThan(7_000_000);
		let ticks = 0;
		let reading = true;
		const ticking = (async () => {
			while (reading && ticks < 50) {
				await new Promise((r) => setImmediate(r));
				ticks++;
			}
		})();
		const r = await readRollFileOffThread(file, 'roll.csv');
		reading = false;
		await ticking;
		expect(problemOf(r)).toEqual({
			line: 100_002,
			column: null,
			code: 'file.rowLimit',
			params: { max: 100_000 }
		});
		// Parsed in place, the synchronous CSV parser would have let none of them run.
		expect(ticks).toBe(50);
		// Exactly 100,000 data rows pass.
		const ok = await readRollFileOffThread(csvRows(100_000), 'roll.csv');
		expect('rows' in ok && ok.rows.length).toBe(100_000);
	});

	it('a cell too long and a row too wide are refused by line, in Chinese and English', async () => {
		const enc = (s: string) => new TextEncoder().encode(s);
		const long = await readRollFile(
			enc(`${HEADER}\n1,101,住宅,89.50,register,${'王'.repeat(5000)},1101,1390000\n`),
			'r.csv'
		);
		const p = problemOf(long)!;
		expect(p).toEqual({
			line: 2,
			column: '业主姓名',
			code: 'cell.tooLong',
			params: { length: 5000, max: 1000 }
		});
		expect(formatProblem(p, 'zh')).toBe('此单元格有 5000 个字符，最多 1000 个');
		expect(formatProblem(p, 'en')).toBe('The cell has 5000 characters, at most 1000');
		const wide = await readRollFile(enc(`${HEADER}\n${'x,'.repeat(20_000)}x\n`), 'r.csv');
		expect(problemOf(wide)).toEqual({
			line: 2,
			column: null,
			code: 'file.tooManyColumns',
			params: { count: 20_001, max: 256 }
		});
	});

	it('a worker that runs out of memory answers parseLimit; the server goes on', async () => {
		const before = rollReadStats().refusedByLimits;
		const r = await readRollFileOffThread(csvRows(100_000), 'roll.csv', { memoryMb: 4 });
		expect(problemOf(r)?.code).toBe('file.parseLimit');
		expect(rollReadStats().refusedByLimits).toBe(before + 1);
		const ok = await readRollFileOffThread(csvRows(1000), 'roll.csv');
		expect('rows' in ok && ok.rows.length).toBe(1000);
	});
});
