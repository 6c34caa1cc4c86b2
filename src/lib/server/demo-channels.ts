import type { Choice } from '../domain/record/types';
import type { Db } from './db/client';
import { renderDocument } from './pdf';
import { enterPaperBallot } from './paper/entry';
import { printPaperBallots } from './paper/print';
import { authoriseProxy } from './proxy/authorise';
import { reviewProxy } from './proxy/manage';
import { castProxyBallot } from './proxy/vote';

const MINUTE = 60_000;

async function must<T extends { ok: boolean }>(
	what: string,
	p: Promise<T>
): Promise<Extract<T, { ok: true }>> {
	const r = await p;
	if (!r.ok) throw new Error(`demo ${what} failed: ${JSON.stringify(r)}`);
	return r as Extract<T, { ok: true }>;
}

export interface ChannelCast {
	paper: { ownerId: string; choices: Record<string, Choice> }[];
	proxy: { ownerId: string; choices: Record<string, Choice> }[];
}

/**
 * The published assembly's paper and proxy ballots, late in its window and in time order: paper
 * ballots printed, entered twice by two staff members (one reading differs and is resolved by a
 * third person), and two owners represented by owner1 under verified written authorisations.
 */
export async function seedPaperAndProxies(
	db: Db,
	assemblyId: string,
	who: { staff: string; clerk: string; third: string; proxyLogin: string; proxyId: string },
	cast: ChannelCast,
	from: Date
): Promise<void> {
	let t = from.getTime();
	const tick = () => new Date((t += 7 * MINUTE));
	const printed = await must(
		'paper print',
		printPaperBallots(db, who.staff, assemblyId, {
			ownerIds: cast.paper.map((p) => p.ownerId),
			now: tick()
		})
	);
	for (const [i, p] of cast.paper.entries()) {
		const code = printed.codes.find((c) => c.ownerId === p.ownerId)!.code;
		const enter = (accountId: string, choices: Record<string, Choice>) =>
			must('paper entry', enterPaperBallot(db, { assemblyId, accountId, code, choices }, tick()));
		await enter(who.staff, p.choices);
		if (i === 1) {
			// The clerk misreads one mark; a third person checks the paper and enters what it says.
			await enter(who.clerk, { ...p.choices, r1: p.choices.r1 === 'for' ? 'against' : 'for' });
			await enter(who.third, p.choices);
		} else await enter(who.clerk, p.choices);
	}
	for (const [i, p] of cast.proxy.entries()) {
		const document = await renderDocument(
			[
				{ type: 'heading', text: '授权委托书', size: 18, align: 'center' },
				{
					type: 'text',
					text: `本人委托 ${who.proxyLogin} 代为参加本次业主大会并投票。${i === 0 ? '第一项议题请投“同意”，其余由代理人决定。' : '各项议题均由代理人决定。'}`
				},
				{ type: 'text', text: '委托人签名：（已签名）' }
			],
			{ title: '授权委托书', creationDate: new Date(t) }
		);
		const directed: Record<string, Choice> = i === 0 ? { r1: p.choices.r1 } : {};
		const auth = await must(
			'proxy authorise',
			authoriseProxy(
				db,
				{
					assemblyId,
					ownerId: p.ownerId,
					actorId: who.staff,
					proxyLogin: who.proxyLogin,
					directed,
					bytes: document
				},
				tick()
			)
		);
		await must(
			'proxy verify',
			reviewProxy(db, { id: auth.id, assemblyId, staffId: who.staff, approve: true })
		);
		await must(
			'proxy vote',
			castProxyBallot(
				db,
				{ authorisationId: auth.id, proxyAccountId: who.proxyId, choices: p.choices },
				tick()
			)
		);
	}
}
