/**
 * Timing check for the import budget (DESIGN.md: 50,000 units in under 10 s incl. the DB commit).
 * Run: npx tsx bench/import-parse.ts [units] [csv|xlsx]
 */
import { createHmac } from 'node:crypto';
import ExcelJS from 'exceljs';
import { previewRoll } from '../src/lib/domain/roll';
import { readRollFile } from '../src/lib/server/roll/read-file';

const units = Number(process.argv[2] ?? 50_000);
const lines = [
	'楼栋,房号,类型,面积,面积来源,业主姓名,证件号码,电话,产权证号,共有人代表,开发商未售'
];
for (let i = 0; i < units; i++) {
	const id = `1101011990${String(i).padStart(8, '0')}`;
	const kind = i % 10 === 9 ? '车位' : '住宅';
	const developer = i % 50 === 0 ? '是' : '';
	const owner = developer ? ',,' : `业主${i},${id},138${String(i).padStart(8, '0')}`;
	lines.push(
		`${Math.floor(i / 200) + 1}栋,${i % 200},${kind},${89 + (i % 7)}.${i % 100},登记簿,${owner},京${i},,${developer}`
	);
}
const format = process.argv[3] === 'xlsx' ? 'xlsx' : 'csv';
let bytes = new TextEncoder().encode('\uFEFF' + lines.join('\r\n'));
if (format === 'xlsx') {
	const workbook = new ExcelJS.Workbook();
	workbook.addWorksheet('roll').addRows(lines.map((l) => l.split(',')));
	bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
}
const idKey = (id: string) => createHmac('sha256', 'secret').update(id).digest('base64url');

for (let run = 1; run <= 3; run++) {
	const t0 = performance.now();
	const file = await readRollFile(bytes, `roll.${format}`);
	const t1 = performance.now();
	if ('error' in file) throw new Error(file.error.code);
	const preview = previewRoll(file, { idKey });
	const t2 = performance.now();
	const { totals, problems } = preview;
	console.log(
		`run ${run}: ${units} units ${format}, ${(bytes.length / 2 ** 20).toFixed(1)} MB — read ${(t1 - t0).toFixed(0)} ms, ` +
			`validate+preview ${(t2 - t1).toFixed(0)} ms, total ${(t2 - t0).toFixed(0)} ms; ` +
			`units ${totals.units}, heads ${totals.heads}, area ${totals.area}, problems ${problems.length}`
	);
}
