import { error, json } from '@sveltejs/kit';
import type { Result } from '$lib/domain/record/types';
import { exportRecord } from '$lib/server/ledger/record';
import { isEstateOfficial, publicAssembly, recordAvailable } from '$lib/server/live/ledger-view';
import { signingIdentity } from '$lib/server/minutes/certificate';
import type { RequestHandler } from './$types';

/**
 * What the verify page compares a minutes PDF with: the published result, the head signatures
 * and the platform's minutes certificate. Public once published, like the record.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const a = await publicAssembly(locals.db, params.assemblyId);
	if (!a?.resultJson) error(404, { message: 'not_found' });
	const official = await isEstateOfficial(locals.db, locals.user, a.estateId);
	if (!recordAvailable(a, official)) error(404, { message: 'not_found' });
	const [record, identity] = await Promise.all([
		exportRecord(locals.db, a.id),
		signingIdentity(locals.db)
	]);
	return json({
		assembly: a.id,
		state: a.state,
		result: JSON.parse(a.resultJson) as Result,
		signatures: record?.signatures ?? [],
		certificate: { subject: identity.subject, fingerprint: identity.fingerprint }
	});
};
