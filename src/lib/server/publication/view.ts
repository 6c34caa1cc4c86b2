import type { Locale } from '$lib/i18n';
import type { Executor } from '../db/client';
import { freezeBlockers } from './freeze';
import { listObjections } from './objections';
import { formatTime } from './format';
import { currentPublication, listPublications, type Publication } from './state';

function publicationView(p: Publication, locale: Locale) {
	return {
		id: p.id,
		state: p.state,
		publishedAt: formatTime(p.publishedAt, locale),
		until: formatTime(p.objectionsUntil, locale),
		frozenAt: formatTime(p.frozenAt, locale),
		rollHash: p.rollHash
	};
}

/**
 * What staff and oversight see of an estate's publication: the live one (else the latest, even
 * withdrawn), its objections with answers, and why it cannot be frozen yet.
 */
export async function publicationOverview(
	db: Executor,
	estateId: string,
	locale: Locale,
	now = new Date()
) {
	const all = await listPublications(db, estateId);
	const live = await currentPublication(db, estateId);
	const shown = live ?? all[0] ?? null;
	const objections = shown ? await listObjections(db, { estateId, publicationId: shown.id }) : [];
	const open = objections.filter((o) => o.state === 'open').length;
	return {
		publication: shown && publicationView(shown, locale),
		live: !!live,
		history: all.filter((p) => p.id !== shown?.id).map((p) => publicationView(p, locale)),
		objections: objections.map((o) => ({
			...o,
			createdAt: formatTime(o.createdAt, locale),
			answeredAt: formatTime(o.answeredAt, locale)
		})),
		open,
		blockers: shown?.state === 'published' ? freezeBlockers(shown, open, now) : []
	};
}
