import { error, fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { votingContext } from '$lib/server/ballots/context';
import { itemsVotableNow } from '$lib/server/meeting/gate';
import { choicesFromForm } from '$lib/server/paper/form';
import { proxyMayVote, representedBy } from '$lib/server/proxy/queries';
import { castProxyBallot } from '$lib/server/proxy/vote';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function mine(event: RequestEvent) {
	const user = requireUser(event);
	const row = (await representedBy(event.locals.db, user.id)).find(
		(r) => r.id === event.params.authorisationId
	);
	if (!row) error(404, { message: 'not_found' });
	return { user, row };
}

export const load: PageServerLoad = async (event) => {
	const { row } = await mine(event);
	const ctx = await votingContext(event.locals.db, row.assemblyId);
	const now = Date.now();
	const open =
		!!ctx &&
		ctx.assembly.state === 'open' &&
		now >= ctx.assembly.opensAt.getTime() &&
		now < ctx.assembly.closesAt.getTime();
	// During an on-site meeting the proxy votes item by item, like the owners in the hall.
	const votable = open ? await itemsVotableNow(event.locals.db, ctx!.assembly, ctx!.items) : null;
	const meeting = votable?.meeting ?? null;
	return {
		row: { id: row.id, owner: row.owner, units: row.units, state: row.state, seq: row.seq },
		assembly: { id: row.assemblyId, title: row.assemblyTitle },
		directed: JSON.parse(row.directed) as Record<string, string | string[]>,
		items: votable?.items ?? [],
		open,
		meeting,
		meetingForm: open && ctx!.assembly.form === 'meeting',
		canVote: await proxyMayVote(event.locals.db, row)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { user, row } = await mine(event);
		const ctx = await votingContext(event.locals.db, row.assemblyId);
		const choices = choicesFromForm(await event.request.formData(), ctx?.items ?? []);
		const r = await castProxyBallot(event.locals.db, {
			authorisationId: row.id,
			proxyAccountId: user.id,
			choices
		});
		if (!r.ok) return fail(400, { error: `proxy:error.${r.code}` });
		return { seq: r.seq };
	}
};
