import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { and, desc, eq } from 'drizzle-orm';
import { canonicalJson } from '../../domain/record/canonical';
import type { Locale } from '../../i18n';
import { appendAudit } from '../audit';
import type { Db, Executor } from '../db/client';
import { minutes } from '../db/schema';
import type { MinutesMeta } from './blocks';
import { signingIdentity } from './certificate';
import { loadMinutesFigures, type MinutesFigures } from './figures';
import { renderMinutes } from './render';

export type MinutesRow = typeof minutes.$inferSelect;
export type MinutesResult =
	{ ok: true; row: MinutesRow } | { ok: false; code: 'minutes.notCounted' };

/** The public URL the minutes' QR code points to (the verify page). */
export function verifyUrl(): string {
	const origin = process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
	return `${origin.replace(/\/$/, '')}/verify`;
}

function reasonFor(f: MinutesFigures, previous: MinutesFigures | null): MinutesMeta['reason'] {
	const street = (x: MinutesFigures) => x.signatures.some((s) => s.by === 'street');
	if (!previous) return street(f) ? 'countersigned' : 'counted';
	return street(f) && !street(previous) ? 'countersigned' : 'updated';
}

/** Versions of an assembly's minutes, newest first (without the PDF bytes). */
export function listMinutes(db: Executor, assemblyId: string) {
	return db
		.select({
			version: minutes.version,
			locale: minutes.locale,
			reason: minutes.reason,
			sha256: minutes.sha256,
			createdAt: minutes.createdAt
		})
		.from(minutes)
		.where(eq(minutes.assemblyId, assemblyId))
		.orderBy(desc(minutes.version), minutes.locale);
}

/** One stored version in one language, or null. */
export async function getMinutes(
	db: Executor,
	assemblyId: string,
	version: number,
	locale: Locale
): Promise<MinutesRow | null> {
	const [row] = await db
		.select()
		.from(minutes)
		.where(
			and(
				eq(minutes.assemblyId, assemblyId),
				eq(minutes.version, version),
				eq(minutes.locale, locale)
			)
		);
	return row ?? null;
}

/**
 * The current minutes of a counted or published assembly in `locale`: the stored file when the
 * figures have not changed since the latest version, otherwise a new version, signed and kept, its
 * SHA-256 in the audit trail. Made after counting and after the street countersigns; the download
 * makes it on first request too, so no state is ever without its minutes.
 */
export async function ensureMinutes(
	db: Db,
	assemblyId: string,
	actorId: string | null,
	locale: Locale = 'zh',
	now = new Date()
): Promise<MinutesResult> {
	const f = await loadMinutesFigures(db, assemblyId);
	if (!f) return { ok: false, code: 'minutes.notCounted' };
	const figures = canonicalJson(f);
	const [latest] = await db
		.select({ version: minutes.version, figures: minutes.figures })
		.from(minutes)
		.where(eq(minutes.assemblyId, assemblyId))
		.orderBy(desc(minutes.version))
		.limit(1);
	const same = latest?.figures === figures;
	if (same) {
		const row = await getMinutes(db, assemblyId, latest.version, locale);
		if (row) return { ok: true, row };
	}
	const version = same ? latest.version : (latest?.version ?? 0) + 1;
	const previous = !latest ? null : (JSON.parse(latest.figures) as MinutesFigures);
	const meta: MinutesMeta = {
		version,
		reason: same
			? ((
					await db
						.select({ reason: minutes.reason })
						.from(minutes)
						.where(and(eq(minutes.assemblyId, assemblyId), eq(minutes.version, version)))
						.limit(1)
				)[0]?.reason ?? 'counted')
			: reasonFor(f, previous),
		generatedAt: now,
		verifyUrl: verifyUrl()
	};
	const pdf = await renderMinutes(f, meta, locale, await signingIdentity(db));
	const digest = bytesToHex(sha256(pdf));
	const row = await db.transaction(async (tx) => {
		const [inserted] = await tx
			.insert(minutes)
			.values({
				assemblyId,
				version,
				locale,
				reason: meta.reason,
				figures,
				sha256: digest,
				pdf,
				createdBy: actorId,
				createdAt: now
			})
			.onConflictDoNothing()
			.returning();
		if (!inserted) return null; // made at the same moment by another request: keep that one
		await appendAudit(
			tx,
			{
				scope: f.estate.id,
				actorId,
				action: 'minutes.generate',
				subject: assemblyId,
				after: { version, locale, reason: meta.reason, sha256: digest, head: f.result.head }
			},
			now
		);
		return inserted;
	});
	const kept = row ?? (await getMinutes(db, assemblyId, version, locale));
	return kept ? { ok: true, row: kept } : { ok: false, code: 'minutes.notCounted' };
}

/**
 * After counting, countersigning or naming scrutineers: make the new version in the background (the
 * answer does not wait for the PDF); a failure is logged, and the download makes it on request.
 */
export async function refreshMinutes(db: Db, assemblyId: string, actorId: string | null) {
	try {
		await ensureMinutes(db, assemblyId, actorId, 'zh');
	} catch (e) {
		console.error('[minutes] could not make the minutes of', assemblyId, (e as Error).message);
	}
}
