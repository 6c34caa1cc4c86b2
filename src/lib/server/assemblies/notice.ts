import { matterText, ruleText } from '$lib/i18n/rules';
import { beijingTime } from '$lib/time';
import { translator } from '$lib/i18n';
import { renderDocument, type Block } from '../pdf';
import type { AssemblyDetail } from './queries';

const NUMERALS = '一二三四五六七八九十';
const numeral = (i: number) => (i < 10 ? NUMERALS[i] : String(i + 1));

/** The page owners vote on; the notice's QR code points here. */
export function assemblyUrl(origin: string, assemblyId: string): string {
	return `${origin.replace(/\/$/, '')}/owner/assemblies/${assemblyId}`;
}

/** The blocks of the notice (公告); always in Chinese, the official language of the notice. */
export function noticeBlocks(d: AssemblyDetail, origin: string, now = new Date()): Block[] {
	const t = translator('zh');
	const a = d.assembly;
	const url = assemblyUrl(origin, a.id);
	const publisher = `${d.estate.name}业主大会筹备组（业主委员会）`;
	const items: Block[] = d.items.flatMap((item, i): Block[] => {
		const head = `${numeral(i)}、${item.title}`;
		const lines: Block[] = [
			{ type: 'text', text: head, bold: true, size: 12 },
			{
				type: 'text',
				text: `所属事项：《民法典》第二百七十八条 ${matterText(t, item.matter)}`,
				size: 10.5
			},
			...(item.description ? [{ type: 'text', text: item.description, size: 10.5 } as const] : []),
			{ type: 'text', text: ruleText(t, item), size: 10.5, color: '#595959' }
		];
		if (item.type !== 'election') return lines;
		return [
			...lines,
			{
				type: 'text',
				text: `应选委员 ${item.seats} 名，候补委员 ${item.alternates} 名。候选人（经街道联审）：`,
				size: 10.5
			},
			{
				type: 'list',
				size: 10.5,
				items: item.candidates.map((c) =>
					[c.name, c.unitLabel, c.partyMember ? '中共党员' : null, c.profile]
						.filter(Boolean)
						.join('，')
				)
			}
		];
	});
	return [
		...(a.announcedAt
			? []
			: [
					{
						type: 'text',
						text: '草稿（尚未经街道审核，不得张贴）',
						color: '#b91c1c',
						align: 'center',
						bold: true
					} as const
				]),
		{ type: 'heading', text: `${d.estate.name}业主大会会议公告`, size: 19, align: 'center' },
		{ type: 'text', text: a.title, size: 13, bold: true, align: 'center' },
		{
			type: 'kv',
			rows: [
				['小区', `${d.estate.name}（${d.estate.street} ${d.estate.community}）`],
				['会议形式', t(`assembly:form.${a.form}`)],
				['投票时间', `${beijingTime(a.opensAt)} 至 ${beijingTime(a.closesAt)}（北京时间）`],
				[
					'重复投票',
					t(a.revote === 'last' ? 'assembly:rules.revoteLast' : 'assembly:rules.revoteFirst')
				],
				[
					'未表态事项',
					t(a.blank === 'abstain' ? 'assembly:rules.blankAbstain' : 'assembly:rules.blankNot')
				]
			]
		},
		...(a.description ? [{ type: 'text', text: a.description } as const] : []),
		{ type: 'heading', text: '表决事项', size: 14 },
		...items,
		{ type: 'heading', text: '投票方式', size: 14 },
		{
			type: 'list',
			size: 10.5,
			items: [
				'网上投票：登录共议平台，扫描下方二维码或打开下方网址进入本次会议页面，点击“去投票”。',
				'纸质表决票：需要纸质表决票的业主，请向筹备组（业主委员会）领取，由业主本人签名后交回。',
				'每户的表决权按专有部分面积和人数计算，名册已按规定公示。'
			]
		},
		// The signature sits beside the QR code: one unbreakable block, never orphaned on a page.
		{
			type: 'qr',
			data: url,
			size: 84,
			lines: [
				{ text: '扫码打开会议页面', size: 11, bold: true },
				{ text: url, size: 8.5, color: '#595959' },
				{ text: ' ', size: 6 },
				{ text: publisher, size: 11 },
				...(a.announcedAt ? [{ text: `经${d.estate.street}审核`, size: 10 }] : []),
				{ text: beijingTime(a.announcedAt ?? now).split(' ')[0], size: 11 }
			]
		}
	];
}

export function renderNotice(
	d: AssemblyDetail,
	origin: string,
	now = new Date()
): Promise<Uint8Array> {
	return renderDocument(noticeBlocks(d, origin, now), {
		title: `${d.estate.name}业主大会会议公告`,
		subject: d.assembly.title,
		author: d.estate.name,
		creationDate: d.assembly.announcedAt ?? now
	});
}
