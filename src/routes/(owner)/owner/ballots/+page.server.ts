import { error } from '@sveltejs/kit';
import { requireAnyGrant, requireUser } from '$lib/server/auth/guard';
import { myBallots } from '$lib/server/ballots/my-ballots';
import { formatTime } from '$lib/server/publication/format';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	requireAnyGrant(event, 'owner');
	if (!user.ownerId) error(403, { message: 'forbidden' });
	const locale = event.locals.locale;
	const ballots = await myBallots(event.locals.db, user.ownerId);
	const assemblies: {
		id: string;
		title: string;
		revote: 'last' | 'first';
		ballots: { seq: number; hash: string; at: string; status: string; proven: boolean }[];
	}[] = [];
	for (const b of ballots) {
		let a = assemblies.at(-1);
		if (a?.id !== b.assemblyId)
			assemblies.push((a = { id: b.assemblyId, title: b.title, revote: b.revote, ballots: [] }));
		a.ballots.push({
			seq: b.seq,
			hash: b.hash,
			at: formatTime(b.at, locale),
			status: b.status,
			proven: b.proven
		});
	}
	return { assemblies };
};
