import { readForm } from '$lib/server/form';
import { error } from '@sveltejs/kit';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { issueLetters } from '$lib/server/registration/letters';
import type { RequestHandler } from './$types';

/** POST, not GET: every download issues fresh codes and voids the owners' earlier unused ones. */
export const POST: RequestHandler = async (event) => {
	const estate = await requireRole(event, event.params.estateId, 'staff');
	const buildingId = String((await readForm(event.request)).get('buildingId') ?? '') || null;
	const r = await issueLetters(event.locals.db, requireUser(event).id, estate.id, {
		buildingId,
		origin: event.url.origin
	});
	if (!r.ok) error(r.code === 'letters.none' ? 409 : 400, { message: r.code });
	const stamp = new Date().toISOString().slice(0, 10);
	const name = `registration-letters-${estate.id}${buildingId ? '-' + buildingId : ''}-${stamp}.pdf`;
	return new Response(r.pdf as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store'
		}
	});
};
