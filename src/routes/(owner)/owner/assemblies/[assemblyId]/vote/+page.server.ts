import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { RuleKind } from '$lib/components/ballot/rule';
import { formatArea } from '$lib/domain/area';
import { isSpecialMatter } from '$lib/domain/counting/rules';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { votingContext } from '$lib/server/ballots/context';
import { myBallots } from '$lib/server/ballots/my-ballots';
import { assemblyItem } from '$lib/server/db/schema';
import { getAssembly } from '$lib/server/ledger/parts';
import { formatTime } from '$lib/server/publication/format';
import type { PageServerLoad } from './$types';

/** States an owner may see the ballot page in; drafts and assemblies under review stay hidden. */
const VISIBLE = new Set(['announced', 'open', 'closed', 'counted', 'published']);
type Status = 'open' | 'notOpen' | 'closed' | 'notOnRoll';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	if (!user.ownerId) error(403, { message: 'forbidden' });
	const db = event.locals.db;
	const a = await getAssembly(db, event.params.assemblyId);
	if (!a || !VISIBLE.has(a.state)) error(404, { message: 'not_found' });
	await requireRole(event, a.estateId, 'owner');
	const locale = event.locals.locale;
	const now = new Date();
	const mine = await myBallots(db, user.ownerId, a.id);
	const ballots = mine.map((b) => ({ seq: b.seq, at: formatTime(b.at, locale), status: b.status }));
	const assembly = { id: a.id, title: a.title, revote: a.revote };
	const open = a.state === 'open' && now >= a.opensAt && now < a.closesAt;
	if (!open) {
		const status: Status = a.state === 'announced' || now < a.opensAt ? 'notOpen' : 'closed';
		return { assembly, status, opensAt: formatTime(a.opensAt, locale), ballots, items: [] };
	}
	const ctx = await votingContext(db, a.id);
	const voter = ctx?.voters.get(user.ownerId);
	if (!ctx || !voter)
		return { assembly, status: 'notOnRoll' as Status, opensAt: '', ballots, items: [] };
	const texts = await db
		.select({ key: assemblyItem.key, description: assemblyItem.description })
		.from(assemblyItem)
		.where(eq(assemblyItem.assemblyId, a.id));
	const description = new Map(texts.map((x) => [x.key, x.description]));
	return {
		assembly,
		status: 'open' as Status,
		opensAt: '',
		ballots,
		weight: formatArea(voter.areaHundredths),
		items: ctx.items.map((i) => ({
			...i,
			description: description.get(i.id) ?? '',
			rule: (i.type === 'election'
				? 'election'
				: isSpecialMatter(i.matter)
					? 'special'
					: 'ordinary') as RuleKind
		}))
	};
};
