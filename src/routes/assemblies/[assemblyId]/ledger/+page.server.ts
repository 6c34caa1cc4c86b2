import { error } from '@sveltejs/kit';
import type { Result, Signature } from '$lib/domain/record/types';
import { headSignatures } from '$lib/server/ledger/head-signatures';
import { recordEstate, recordItems } from '$lib/server/ledger/parts';
import {
	isEstateOfficial,
	ledgerView,
	publicAssembly,
	recordAvailable
} from '$lib/server/live/ledger-view';
import { signingIdentity } from '$lib/server/minutes/certificate';
import type { PageServerLoad } from './$types';

/** Public (no login, nothing personal): the ledger's head, key, checkpoints, and the result. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const a = await publicAssembly(locals.db, params.assemblyId);
	if (!a) error(404, { message: 'not_found' });
	const official = await isEstateOfficial(locals.db, locals.user, a.estateId);
	const canRecord = recordAvailable(a, official);
	const [estate, view, items, signer] = await Promise.all([
		recordEstate(locals.db, a.estateId),
		ledgerView(locals.db, a),
		recordItems(locals.db, a.id),
		signingIdentity(locals.db)
	]);
	// The result is public once published; staff and oversight see it from the count on.
	const result = canRecord && a.resultJson ? (JSON.parse(a.resultJson) as Result) : null;
	// The platform's and the street's signatures over that result's head (checked in the browser).
	const signatures: Signature[] = result ? await headSignatures(locals.db, a.id) : [];
	return {
		assembly: { id: a.id, title: a.title, state: a.state, closesAt: a.closesAt.toISOString() },
		estate: { name: estate.name, street: estate.street },
		...view,
		items,
		result,
		signatures,
		canRecord,
		minutesCertificate: { subject: signer.subject, fingerprint: signer.fingerprint },
		official
	};
};
