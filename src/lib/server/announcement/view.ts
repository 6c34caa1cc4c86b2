import type { Executor } from '../db/client';
import { stageOf } from './announce';
import { listResultObjections } from './objections';

export type AnnouncementView = Awaited<ReturnType<typeof announcementView>>;

/** What every assembly page shows of the result's stage, with dates as ISO strings. */
export async function announcementView(db: Executor, assemblyId: string, now = new Date()) {
	const s = await stageOf(db, assemblyId, now);
	return {
		stage: s.stage,
		publishedAt: s.announced?.publishedAt.toISOString() ?? null,
		objectionsUntil: s.announced?.objectionsUntil.toISOString() ?? null,
		confirmedAt: s.announced?.confirmedAt?.toISOString() ?? null,
		openObjections: s.openObjections,
		mayObject: s.stage === 'announcement',
		recount: s.recount
			? {
					outcome: s.recount.outcome,
					at: s.recount.at.toISOString(),
					differences: s.recount.detail.differences,
					error: s.recount.detail.error
				}
			: null
	};
}

/** Objections as pages show them (dates as ISO strings). */
export async function objectionsView(
	db: Executor,
	filter: Parameters<typeof listResultObjections>[1]
) {
	const rows = await listResultObjections(db, filter);
	return rows.map((o) => ({
		...o,
		createdAt: o.createdAt.toISOString(),
		answeredAt: o.answeredAt?.toISOString() ?? null
	}));
}
