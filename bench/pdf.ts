/**
 * PDF rendering times that used to sit in unit tests as wall-clock assertions: a minutes-sized
 * document (50 items, a 2,000-row roll table; DESIGN.md: minutes under 5 s), a batch of 200
 * registration letters, and line breaking of a 520,000-character text. Each has a budget (the bound
 * the unit test used to assert) and the run fails above it; `bench/minutes.ts` measures the whole
 * minutes path against its ceiling.
 * Rounds are median of BENCH_ROUNDS (default 3) after one warm-up.
 * Run: npx tsx bench/pdf.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDocument, type Block } from '../src/lib/server/pdf/document';
import {
	renderRegistrationLetters,
	type RegistrationLetter
} from '../src/lib/server/pdf/registration-letter';
import { wrapText } from '../src/lib/server/pdf/text';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const items: Block[] = Array.from({ length: 50 }, (_, i): Block[] => [
	{ type: 'heading', text: `第${i + 1}项 关于续聘物业服务企业的议案` },
	{ type: 'text', text: '根据《中华人民共和国民法典》第二百七十八条，本项经表决通过。'.repeat(4) },
	{
		type: 'table',
		columns: [{ header: '意见' }, { header: '面积（m²）' }, { header: '人数' }],
		rows: [
			['同意', '152340.25', '1620'],
			['反对', '2310.50', '21'],
			['弃权', '880.00', '9']
		]
	}
]).flat();
const roll: Block = {
	type: 'table',
	columns: [{ header: '楼栋' }, { header: '房屋', width: 2 }, { header: '面积' }],
	rows: Array.from({ length: 2000 }, (_, i) => [`${(i % 40) + 1}栋`, `${i}室`, '96.40'])
};

const letters: RegistrationLetter[] = Array.from({ length: 200 }, (_, i) => {
	const code = `CODE${String(i).padStart(12, '0')}`;
	return {
		estateName: '阳光花园',
		street: '朝阳门街道',
		community: '竹杆社区',
		expiresAt: '2025-07-31T15:59:00Z',
		ownerName: `张喆${i}`,
		units: Array.from({ length: 1 + (i % 3) }, (_, k) => ({
			building: `${k + 1}栋`,
			label: `2单元 ${1201 + k}室`,
			area: k ? '12.5' : '89.50'
		})),
		code,
		url: `https://gongyi.example.cn/register?code=${code}`
	};
});

const text = '业主大会表决结果 Result 2025 '.repeat(20_000);
const mono = (s: string) => [...s].length;

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
	const t = performance.now();
	await fn();
	return (performance.now() - t) / 1000;
}

const cases = {
	document_s: () => renderDocument([...items, roll]),
	letters_200_s: () => renderRegistrationLetters(letters),
	wrap_520k_chars_s: () => wrapText(text, 40, mono)
};
const budget = { document_s: 5, letters_200_s: 20, wrap_520k_chars_s: 2 };
const figures: Record<string, number> = {};
let failed = false;
for (const [name, fn] of Object.entries(cases)) {
	await time(fn);
	const runs: number[] = [];
	for (let i = 0; i < ROUNDS; i++) runs.push(await time(fn));
	figures[name] = Number(median(runs).toFixed(3));
	const limit = budget[name as keyof typeof budget];
	if (figures[name] > limit) failed = true;
	console.log(
		`${name.padEnd(20)} ${figures[name].toFixed(3)} s (budget ${limit} s; rounds ${runs.map((r) => r.toFixed(2)).join(' ')})`
	);
}
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
	join(import.meta.dirname, 'results', 'pdf.json'),
	JSON.stringify({ name: 'pdf', rounds: ROUNDS, figures, budget, ceiling: {} }, null, 2) + '\n'
);
process.exit(failed ? 1 : 0);
