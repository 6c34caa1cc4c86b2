import { formatArea } from '$lib/domain/area';
import type { Item } from '$lib/domain/record/types';
import { renderDocument, type Block } from './document';
import { formatCode } from './registration-letter';

/** What every ballot of one assembly shares: the estate, the assembly and its items. */
export interface PaperBallotSheet {
	estateName: string;
	title: string;
	/** "2026年12月1日 09:00 至 …（北京时间）" */
	window: string;
	items: (Item & { rule: string })[];
	/** The revote / blank rules in words, printed under the items. */
	notes: string[];
	creationDate?: Date;
}

/** One owner's ballot: a name and units to hand it to the right person, and the code on it. */
export interface PaperBallotCopy {
	ownerName: string;
	units: { building: string; label: string; areaHundredths: bigint }[];
	code: string;
	qrData: string;
}

const MUTED = '#595959';
const BOX = '□';

function itemBlocks(item: PaperBallotSheet['items'][number], i: number): Block[] {
	const head: Block = { type: 'text', text: `${i + 1}. ${item.title}`, size: 12, bold: true };
	const rule: Block = { type: 'text', text: item.rule, size: 9.5, color: MUTED };
	if (item.type === 'resolution')
		return [
			head,
			rule,
			{
				type: 'text',
				text: `${BOX} 同意        ${BOX} 反对        ${BOX} 弃权`,
				size: 14,
				indent: 12
			}
		];
	return [
		head,
		rule,
		{
			type: 'text',
			text: `应选 ${item.seats} 名（候补 ${item.alternates} 名）。请在同意的候选人前打“√”，最多选 ${item.seats} 名，多选作废。`,
			size: 10
		},
		{
			type: 'text',
			text: item.candidates.map((c) => `${BOX} ${c.name}`).join('      '),
			size: 14,
			indent: 12
		}
	];
}

function copyBlocks(s: PaperBallotSheet, c: PaperBallotCopy): Block[] {
	const units = c.units.map(
		(u) => `${u.building} ${u.label}（${formatArea(u.areaHundredths)} m²）`
	);
	return [
		{ type: 'heading', text: `${s.estateName}业主大会表决票`, size: 18, align: 'center' },
		{ type: 'text', text: s.title, size: 12, bold: true, align: 'center' },
		{
			type: 'qr',
			data: c.qrData,
			size: 92,
			lines: [
				{ text: `业主：${c.ownerName}`, size: 12, bold: true },
				{ text: `房屋：${units.join('；')}`, size: 10 },
				{ text: `投票时间：${s.window}`, size: 9.5, color: MUTED },
				{ text: `表决票编号 ${formatCode(c.code)}`, size: 10, leading: 1.5 }
			]
		},
		{ type: 'rule' },
		...s.items.flatMap((item, i) => itemBlocks(item, i)),
		{ type: 'rule' },
		{
			type: 'list',
			size: 9.5,
			numbered: false,
			items: [
				'每个议题只在一个方框内打“√”；无法辨认、多选或涂改不清的，该议题计为废票。',
				'本票仅限上列业主本人或其书面委托的代理人填写，须在投票截止前交回。一票一码，复印无效。',
				...s.notes
			]
		},
		{ type: 'space', height: 10 },
		{ type: 'text', text: '业主（代理人）签名：________________        日期：__________', size: 12 }
	];
}

/** One A4 page per owner; a batch for one owner, a building or the estate. */
export function renderPaperBallots(
	sheet: PaperBallotSheet,
	copies: PaperBallotCopy[]
): Promise<Uint8Array> {
	if (!copies.length) throw new Error('no paper ballots to render');
	const blocks = copies.flatMap((c, i): Block[] => [
		...(i ? [{ type: 'pageBreak' } as const] : []),
		...copyBlocks(sheet, c)
	]);
	return renderDocument(blocks, {
		title: `${sheet.estateName}业主大会表决票`,
		subject: sheet.title,
		creationDate: sheet.creationDate
	});
}

export interface SignInRow {
	building: string;
	label: string;
	ownerName: string;
	areaHundredths: bigint;
}

/** 签到表: one row per unit of a building, with a column to sign; a page break between buildings. */
export function renderSignInSheet(
	sheet: Pick<PaperBallotSheet, 'estateName' | 'title' | 'creationDate'>,
	buildings: { name: string; rows: SignInRow[] }[]
): Promise<Uint8Array> {
	if (!buildings.length) throw new Error('no units for the sign-in sheet');
	const blocks = buildings.flatMap((b, i): Block[] => [
		...(i ? [{ type: 'pageBreak' } as const] : []),
		{ type: 'heading', text: `${sheet.estateName}业主大会签到表`, size: 16, align: 'center' },
		{ type: 'text', text: `${sheet.title} · ${b.name}`, size: 11, align: 'center' },
		{
			type: 'table',
			size: 10.5,
			columns: [
				{ header: '房屋', width: 1.2 },
				{ header: '业主', width: 1.6 },
				{ header: '面积（m²）', width: 1, align: 'right' },
				{ header: '签名', width: 2 },
				{ header: '备注（代理人）', width: 1.6 }
			],
			rows: b.rows.map((r) => [r.label, r.ownerName, formatArea(r.areaHundredths), '', '']),
			foot: [
				'合计',
				`${b.rows.length} 户`,
				formatArea(b.rows.reduce((s, r) => s + r.areaHundredths, 0n)),
				'',
				''
			]
		}
	]);
	return renderDocument(blocks, {
		title: `${sheet.estateName}业主大会签到表`,
		subject: sheet.title,
		creationDate: sheet.creationDate
	});
}
