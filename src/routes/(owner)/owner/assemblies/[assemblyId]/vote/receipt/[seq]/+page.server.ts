import { error } from '@sveltejs/kit';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { myBallots } from '$lib/server/ballots/my-ballots';
import { ownerReceipt, receiptQrSvg } from '$lib/server/ballots/receipt';
import { getAssembly } from '$lib/server/ledger/parts';
import { formatTime } from '$lib/server/publication/format';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	if (!user.ownerId) error(403, { message: 'forbidden' });
	const db = event.locals.db;
	const a = await getAssembly(db, event.params.assemblyId);
	if (!a) error(404, { message: 'not_found' });
	await requireRole(event, a.estateId, 'owner');
	const seq = Number(event.params.seq);
	const r = Number.isSafeInteger(seq)
		? await ownerReceipt(db, { assemblyId: a.id, ownerId: user.ownerId, seq })
		: null;
	if (!r?.ok) error(404, { message: 'not_found' });
	const mine = await myBallots(db, user.ownerId, a.id);
	const locale = event.locals.locale;
	return {
		assembly: { id: a.id, title: a.title, revote: a.revote },
		done: event.url.searchParams.has('done'),
		receipt: {
			seq: r.receipt.seq,
			hash: r.receipt.hash,
			at: formatTime(r.at, locale),
			status: mine.find((b) => b.seq === seq)?.status ?? 'counted',
			treeSize: r.checkpoint?.treeSize ?? null
		},
		qr: await receiptQrSvg(event.url.origin, r.receipt)
	};
};
