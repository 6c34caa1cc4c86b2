import { json } from '@sveltejs/kit';
import { signingIdentity } from '$lib/server/minutes/certificate';
import type { RequestHandler } from './$types';

/** Public: the certificate the minutes are signed with (subject and SHA-256 fingerprint). */
export const GET: RequestHandler = async ({ locals }) => {
	const { subject, fingerprint, certPem } = await signingIdentity(locals.db);
	return json({ subject, fingerprint, certificate: certPem });
};
