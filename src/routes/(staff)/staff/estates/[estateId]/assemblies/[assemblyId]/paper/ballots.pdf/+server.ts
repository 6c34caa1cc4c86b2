import { readForm } from '$lib/server/form';
import { error } from '@sveltejs/kit';
import { printPaperBallots } from '$lib/server/paper/print';
import { paperScope } from '../scope';
import type { RequestHandler } from './$types';

/** POST, not GET: every download issues fresh codes and voids the owners' earlier unused ballots. */
export const POST: RequestHandler = async (event) => {
	const { db, assembly, actorId } = await paperScope(event);
	const form = await readForm(event.request);
	const buildingId = String(form.get('buildingId') ?? '') || null;
	const r = await printPaperBallots(db, actorId, assembly.id, { buildingId });
	if (!r.ok) error(r.code === 'paper.none' ? 409 : 400, { message: r.code });
	const name = `paper-ballots-${assembly.id}${buildingId ? '-' + buildingId : ''}.pdf`;
	return new Response(r.pdf as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store'
		}
	});
};
