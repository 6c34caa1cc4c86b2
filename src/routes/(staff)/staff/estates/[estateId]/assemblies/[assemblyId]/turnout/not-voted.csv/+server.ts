import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { auditNotVotedExport, turnoutReport } from '$lib/server/assemblies/turnout';
import { toCsv } from '$lib/server/csv';
import { paperScope } from '../../paper/scope';
import type { RequestHandler } from './$types';

/** The owners who have not voted yet, formula-safe CSV for follow-up visits (催票). */
export const GET: RequestHandler = async (event) => {
	const { db, assembly: a, actorId } = await paperScope(event);
	const report = await turnoutReport(db, a.id);
	if (!report) error(404, { message: 'not_found' });
	const t = translator(event.locals.locale);
	const csv = toCsv(
		[
			t('staffflow:turnout.building'),
			t('staffflow:turnout.units'),
			t('staffflow:turnout.owner'),
			t('staffflow:turnout.phone'),
			t('staffflow:turnout.note')
		],
		report.notVoted.map((o) => [o.building, o.units.join(' / '), o.name, o.phone, ''])
	);
	// Names and phone numbers leave the system: who took them is on the record.
	await auditNotVotedExport(db, {
		estateId: a.estateId,
		assemblyId: a.id,
		actorId,
		count: report.notVoted.length
	});
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="not-voted-${a.id}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
