import { formatArea, parseArea } from '../../domain/area';
import { isSpecialMatter } from '../../domain/counting/rules';
import type {
	Election,
	ElectionResult,
	Resolution,
	ResolutionResult,
	Weight
} from '../../domain/record/types';
import { citationText, sourcesOf } from '../../domain/legal/rule-sets';
import { percent } from '$lib/shares';
import { translator, type Locale } from '../../i18n';
import { beijingTime } from '../../time';
import type { Block } from '../pdf';
import { CHANNELS, type MinutesFigures } from './figures';

export interface MinutesMeta {
	version: number;
	reason: 'counted' | 'countersigned' | 'updated';
	generatedAt: Date;
	/** Where the QR code points: the public verify page. */
	verifyUrl: string;
}

const hundredths = (area: string) => parseArea(area) ?? 0n;
const pct = (p: bigint | number, t: bigint | number) => `${percent(p, t).toFixed(1)}%`;
/** The least whole amount that reaches two thirds: x*3 >= total*2. */
const twoThirds = (total: bigint) => (total * 2n + 2n) / 3n;

/** Every figure of the minutes as PDF blocks, in the language of `locale` (Chinese by default). */
export function minutesBlocks(f: MinutesFigures, meta: MinutesMeta, locale: Locale): Block[] {
	const t = translator(locale);
	const p = (key: string, o?: Record<string, unknown>) => t(`minutes:pdf.${key}`, o);
	const time = (iso: string | Date) => beijingTime(iso, locale);
	const { result, assembly: a, estate } = f;
	const list = (names: string[]) =>
		names.length ? names.join(locale === 'zh' ? '、' : ', ') : p('none');
	const section = (key: string): Block => ({ type: 'heading', text: p(key), size: 14 });
	const small = (text: string, keepWithNext = false): Block => ({
		type: 'text',
		text,
		size: 9.5,
		color: '#595959',
		keepWithNext
	});

	const totalArea = hundredths(result.totals.area);
	const partArea = hundredths(result.participation.area);
	const lineArea = twoThirds(totalArea);
	const lineHeads = twoThirds(BigInt(result.totals.heads));
	const reached = (ok: boolean) => p(ok ? 'row.yes' : 'row.no');

	const resolution = (item: Resolution, n: number): Block[] => {
		const r = result.items[item.id] as ResolutionResult;
		const pa = hundredths(r.participation.area);
		const row = (label: string, w: Weight) => [
			label,
			w.area,
			pct(hundredths(w.area), pa),
			String(w.heads),
			pct(w.heads, r.participation.heads)
		];
		return [
			{ type: 'text', text: `${n}. ${item.title}`, bold: true, size: 12, keepWithNext: true },
			small(p('matter', { matter: t(`assembly:matter.${item.matter}`) }), true),
			small(p(isSpecialMatter(item.matter) ? 'basis.special' : 'basis.ordinary'), true),
			{
				type: 'table',
				size: 9.5,
				columns: [
					{ header: p('col.option'), width: 1.3 },
					{ header: p('col.area'), width: 1.6, align: 'right' },
					{ header: p('col.areaShare'), width: 1.2, align: 'right' },
					{ header: p('col.heads'), width: 0.9, align: 'right' },
					{ header: p('col.headsShare'), width: 1.2, align: 'right' }
				],
				rows: (['for', 'against', 'abstain', 'spoiled'] as const).map((o) =>
					row(p(`option.${o}`), r[o])
				),
				foot: row(p('row.participation'), r.participation)
			},
			{ type: 'text', text: p(`outcome.${r.outcome}`), bold: true, size: 11.5 }
		];
	};

	const election = (item: Election, n: number): Block[] => {
		const r = result.items[item.id] as ElectionResult;
		const names = (status: string) =>
			item.candidates.filter((c) => r.candidates[c.id]?.status === status).map((c) => c.name);
		const ranked = [...item.candidates].sort((x, y) => {
			const [cx, cy] = [r.candidates[x.id], r.candidates[y.id]];
			const d = cy.heads - cx.heads;
			if (d) return d;
			const ax = hundredths(cx.area);
			const ay = hundredths(cy.area);
			return ax === ay ? 0 : ax < ay ? 1 : -1;
		});
		const tied = names('tied');
		return [
			{ type: 'text', text: `${n}. ${item.title}`, bold: true, size: 12, keepWithNext: true },
			small(p('matter', { matter: t('assembly:matter.3') }), true),
			small(p('basis.election'), true),
			{
				type: 'text',
				text: p('seats', { seats: item.seats, alternates: item.alternates }),
				size: 10.5,
				keepWithNext: true
			},
			{
				type: 'table',
				size: 9.5,
				columns: [
					{ header: p('col.candidate'), width: 1.4 },
					{ header: p('col.votesArea'), width: 1.5, align: 'right' },
					{ header: p('col.areaShare'), width: 1.1, align: 'right' },
					{ header: p('col.votesHeads'), width: 1, align: 'right' },
					{ header: p('col.headsShare'), width: 1.1, align: 'right' },
					{ header: p('col.status'), width: 1.7 }
				],
				rows: ranked.map((c) => {
					const v = r.candidates[c.id];
					return [
						c.name,
						v.area,
						pct(hundredths(v.area), hundredths(r.participation.area)),
						String(v.heads),
						pct(v.heads, r.participation.heads),
						p(`status.${v.status}`)
					];
				}),
				foot: [
					p('row.participation'),
					r.participation.area,
					'',
					String(r.participation.heads),
					'',
					''
				]
			},
			{ type: 'text', text: p('elected', { names: list(names('elected')) }), size: 10.5 },
			{ type: 'text', text: p('alternates', { names: list(names('alternate')) }), size: 10.5 },
			...(tied.length
				? [
						{
							type: 'text',
							text: p('tied', { names: list(tied) }),
							size: 10.5,
							color: '#b45309'
						} as const
					]
				: []),
			{
				type: 'text',
				text: p(r.outcome === 'no_quorum' ? 'outcome.election_no_quorum' : `outcome.${r.outcome}`),
				bold: true,
				size: 11.5
			}
		];
	};

	const resolutions = f.items.filter((i): i is Resolution => i.type === 'resolution');
	const elections = f.items.filter((i): i is Election => i.type === 'election');
	const sig = (by: 'platform' | 'street') => f.signatures.find((s) => s.by === by);
	const sigText = (by: 'platform' | 'street') => {
		const s = sig(by);
		return s
			? p('sigValue', { publicKey: s.publicKey, signature: s.signature })
			: p('notCountersigned');
	};
	const channelRows = [
		...CHANNELS,
		...Object.keys(f.channels).filter((c) => !CHANNELS.includes(c as never))
	];
	const sum = (k: 'received' | 'counted') =>
		channelRows.reduce((s, c) => s + (f.channels[c]?.[k] ?? 0), 0);
	const supervisors = f.scrutineers.filter((s) => s.role === 'supervisor').map((s) => s.name);
	const counters = f.scrutineers.filter((s) => s.role === 'counter').map((s) => s.name);
	const mono = 8.5;

	return [
		{
			type: 'text',
			text: `${estate.street} · ${estate.community}`,
			size: 9,
			color: '#595959',
			align: 'center'
		},
		{ type: 'heading', text: p('title', { estate: estate.name }), size: 19, align: 'center' },
		{ type: 'text', text: p('subtitle'), size: 13, align: 'center' },
		{ type: 'text', text: a.title, size: 13, bold: true, align: 'center' },
		{
			type: 'text',
			text: p('version', {
				version: meta.version,
				reason: p(`reason.${meta.reason}`),
				at: time(meta.generatedAt)
			}),
			size: 9,
			color: '#595959',
			align: 'center'
		},
		{ type: 'rule' },
		{
			type: 'kv',
			size: 10.5,
			labelWidth: locale === 'zh' ? 70 : 130,
			rows: [
				[p('estate'), estate.name],
				[p('place'), `${estate.street} · ${estate.community}`],
				[p('assembly'), a.title],
				[p('form'), t(`assembly:form.${a.form}`)],
				[p('window'), p('windowValue', { from: time(a.opensAt), to: time(a.closesAt) })],
				[
					p('rules'),
					[
						t(
							a.rules.revote === 'last' ? 'assembly:rules.revoteLast' : 'assembly:rules.revoteFirst'
						),
						t(
							a.rules.blank === 'abstain'
								? 'assembly:rules.blankAbstain'
								: 'assembly:rules.blankNot'
						)
					].join(locale === 'zh' ? '；' : '; ')
				],
				[
					p('law'),
					sourcesOf(f.ruleSet ?? 'national')
						.map(citationText)
						.join(locale === 'zh' ? '；' : '; ')
				]
			]
		},
		section('s1'),
		{
			type: 'table',
			size: 10,
			columns: [
				{ header: p('col.what'), width: 1.6 },
				{ header: p('col.area'), width: 1.4, align: 'right' },
				{ header: p('col.heads'), width: 1, align: 'right' }
			],
			rows: [
				[p('row.totals'), result.totals.area, String(result.totals.heads)],
				[p('row.participation'), result.participation.area, String(result.participation.heads)],
				[
					p('row.share'),
					pct(partArea, totalArea),
					pct(result.participation.heads, result.totals.heads)
				],
				[p('row.line'), formatArea(lineArea), String(lineHeads)],
				[
					p('row.reached'),
					reached(totalArea > 0n && partArea * 3n >= totalArea * 2n),
					reached(
						result.totals.heads > 0 && result.participation.heads * 3 >= result.totals.heads * 2
					)
				]
			]
		},
		small(p('quorumNote')),
		section('s2'),
		{
			type: 'table',
			size: 10,
			columns: [
				{ header: p('col.channel'), width: 1.6 },
				{ header: p('col.received'), width: 1.2, align: 'right' },
				{ header: p('col.counted'), width: 1.2, align: 'right' }
			],
			rows: channelRows.map((c) => [
				t(`minutes:pdf.channel.${c}`, { defaultValue: c }),
				String(f.channels[c]?.received ?? 0),
				String(f.channels[c]?.counted ?? 0)
			]),
			foot: [p('row.sum'), String(sum('received')), String(sum('counted'))]
		},
		small(p('channelNote')),
		...(resolutions.length
			? [section('s3'), ...resolutions.flatMap((r, i) => resolution(r, i + 1))]
			: []),
		...(elections.length
			? [section('s4'), ...elections.flatMap((e, i) => election(e, i + 1))]
			: []),
		section('s5'),
		{
			type: 'kv',
			size: 10.5,
			labelWidth: locale === 'zh' ? 70 : 130,
			rows: [
				[p('supervisors'), supervisors.length ? list(supervisors) : p('notNamed')],
				[p('counters'), counters.length ? list(counters) : p('notNamed')]
			]
		},
		section('s6'),
		{
			type: 'kv',
			size: mono,
			labelWidth: locale === 'zh' ? 100 : 150,
			rows: [
				[p('headSeq'), String(result.head.seq)],
				[p('headHash'), result.head.hash],
				[p('merkleRoot'), result.head.merkleRoot],
				[
					p('checkpoint'),
					f.checkpoint
						? p('checkpointValue', {
								treeSize: f.checkpoint.treeSize,
								root: f.checkpoint.root,
								at: time(f.checkpoint.at)
							})
						: p('noCheckpoint')
				],
				[p('platformSig'), sigText('platform')],
				[p('streetSig'), sigText('street')]
			]
		},
		small(p('signedMessage')),
		{ type: 'space', height: 6 },
		{
			type: 'qr',
			data: meta.verifyUrl,
			size: 96,
			lines: [
				{ text: p('qrTitle'), size: 12, bold: true },
				{ text: meta.verifyUrl, size: 9, color: '#595959' },
				{ text: p('qrNote'), size: 9.5 },
				{ text: ' ', size: 6 },
				{ text: p('issuer', { estate: estate.name }), size: 11 },
				{ text: time(meta.generatedAt).split(' ')[0], size: 11 }
			]
		}
	];
}
