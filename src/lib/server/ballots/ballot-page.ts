import { eq } from 'drizzle-orm';
import { formatArea } from '../../domain/area';
import { ruleKind } from '../../domain/counting/rules';
import type { Locale } from '../../i18n';
import type { Executor } from '../db/client';
import { assemblyItem } from '../db/schema';
import type { AssemblyRow } from '../ledger/parts';
import { meetingProgress } from '../meeting/gate';
import { formatTime } from '../publication/format';
import { votingContext } from './context';
import { myBallots } from './my-ballots';

/** States an owner may see the ballot page in; drafts and assemblies under review stay hidden. */
const VISIBLE = new Set(['announced', 'open', 'closed', 'counted', 'published']);

export type BallotPageStatus = 'open' | 'notOpen' | 'closed' | 'notOnRoll';

/** Whether an owner may see this assembly's ballot page at all (else the page is a 404). */
export const ballotPageVisible = (a: AssemblyRow): boolean => VISIBLE.has(a.state);

/**
 * What the owner's ballot page shows: their ballots so far, and while voting is open the items
 * with their descriptions, the pass line of each (`ruleKind`) and the owner's weight.
 */
export async function ballotPage(
	db: Executor,
	a: AssemblyRow,
	ownerId: string,
	locale: Locale,
	now = new Date()
) {
	const mine = await myBallots(db, ownerId, a.id);
	const ballots = mine.map((b) => ({ seq: b.seq, at: formatTime(b.at, locale), status: b.status }));
	const assembly = { id: a.id, title: a.title, revote: a.revote, form: a.form };
	const closedPage = (status: BallotPageStatus, opensAt: string) => ({
		assembly,
		status,
		opensAt,
		ballots,
		weight: undefined,
		items: [],
		meeting: null
	});
	const open = a.state === 'open' && now >= a.opensAt && now < a.closesAt;
	if (!open)
		return closedPage(
			a.state === 'announced' || now < a.opensAt ? 'notOpen' : 'closed',
			formatTime(a.opensAt, locale)
		);
	const ctx = await votingContext(db, a.id);
	const voter = ctx?.voters.get(ownerId);
	if (!ctx || !voter) return closedPage('notOnRoll', '');
	const texts = await db
		.select({ key: assemblyItem.key, description: assemblyItem.description })
		.from(assemblyItem)
		.where(eq(assemblyItem.assemblyId, a.id));
	const description = new Map(texts.map((x) => [x.key, x.description]));
	// During an on-site meeting only the item staff opened can be voted on (see meeting/gate.ts).
	const progress = a.form === 'meeting' ? await meetingProgress(db, a.id) : null;
	const meeting = progress?.started ? { open: progress.open } : null;
	const items = meeting ? ctx.items.filter((i) => i.id === meeting.open) : ctx.items;
	return {
		assembly,
		status: 'open' as BallotPageStatus,
		opensAt: '',
		ballots,
		weight: formatArea(voter.areaHundredths),
		meeting,
		items: items.map((i) => ({
			...i,
			description: description.get(i.id) ?? '',
			rule: ruleKind(i)
		}))
	};
}
