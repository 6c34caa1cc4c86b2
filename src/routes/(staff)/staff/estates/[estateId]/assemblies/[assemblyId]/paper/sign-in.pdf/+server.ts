import { error } from '@sveltejs/kit';
import { printSignInSheet } from '$lib/server/paper/print';
import { paperScope } from '../scope';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { db, assembly } = await paperScope(event);
	const buildingId = event.url.searchParams.get('buildingId') || null;
	const r = await printSignInSheet(db, assembly.id, buildingId);
	if (!r.ok) error(r.code === 'paper.none' ? 409 : 400, { message: r.code });
	return new Response(r.pdf as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="sign-in-${assembly.id}${buildingId ? '-' + buildingId : ''}.pdf"`,
			'cache-control': 'no-store'
		}
	});
};
