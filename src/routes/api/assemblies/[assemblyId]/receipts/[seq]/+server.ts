import { json } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { getAssembly } from '$lib/server/ledger/parts';
import { holdsOwnerRole } from '$lib/server/ballots/owner-access';
import { ownerReceipt } from '$lib/server/ballots/receipt';
import type { RequestHandler } from './$types';

/**
 * The owner's receipt as a JSON file: `{ assembly, seq, hash, treeSize, path }`
 * (docs/record-format.md § Receipts) once a signed checkpoint covers the ballot; before that
 * `{ assembly, seq, hash, note }`.
 */
export const GET: RequestHandler = async (event) => {
	const { locals, params } = event;
	const t = translator(locals.locale);
	const notFound = () =>
		json(
			{ code: 'receipt.notFound', message: t('ballot:error.receipt.notFound') },
			{ status: 404 }
		);
	const user = locals.user;
	if (!user || user.needsSecondFactor)
		return json(
			{ code: 'ballot.unauthorized', message: t('ballot:error.ballot.unauthorized') },
			{ status: 401 }
		);
	const seq = Number(params.seq);
	if (!user.ownerId || !Number.isSafeInteger(seq) || seq < 1) return notFound();
	const a = await getAssembly(locals.db, params.assemblyId);
	if (!a || !(await holdsOwnerRole(event, a.estateId))) return notFound();
	const r = await ownerReceipt(locals.db, { assemblyId: a.id, ownerId: user.ownerId, seq });
	if (!r.ok) return notFound();
	const body = r.proven ? r.receipt : { ...r.receipt, note: t('ballot:receipt.pendingNote') };
	return new Response(JSON.stringify(body, null, 2) + '\n', {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="receipt-${a.id}-${seq}.json"`,
			'cache-control': 'no-store'
		}
	});
};
