import { createHash } from 'node:crypto';
import {
	DEVELOPER_KEY,
	diffRoll,
	previewRoll,
	snapshotOf,
	type RollDiff,
	type RollPreview,
	type RollSnapshot
} from '$lib/domain/roll';
import type { RollLocale } from '$lib/i18n/roll-problems';
import type { Db, Executor } from '../db/client';
import { appendAudit } from '../audit';
import { personalDataHasher } from '../secrets';
import { applyRollDiff, linkedOwnerIds, referencedUnitIds } from './apply-roll';
import { rollLock, type RollLock } from '../publication/state';
import { findEstate, loadRoll, lockRollForWrite } from './current-roll';
import { describeProblem, refusal, type ImportProblem } from './problems';
import { parseKey, rememberParse, takeParse } from './parse-cache';
import { readRollFileOffThread } from './read-off-thread';
import { countedKindsOf } from './settings';

export interface ImportPreview {
	/** True when the file may be imported as it is now: no problem in it, roll not locked. */
	ok: boolean;
	format: 'csv' | 'xlsx' | null;
	encoding: string | null;
	/** The engine's preview of the file; null when the file could not be read at all. */
	preview: RollPreview | null;
	/** Current roll → file; null while the file has problems. */
	diff: RollDiff | null;
	current: RollSnapshot | null;
	next: RollSnapshot | null;
	/** Owner keys that would be removed but stay, because an account or registration uses them. */
	keptOwnerKeys: string[];
	lock: RollLock['reason'];
	problems: ImportProblem[];
	sha256: string;
}

export interface ImportSummary {
	file: string;
	sha256: string;
	units: { added: number; changed: number; removed: number; unchanged: number };
	owners: { added: number; changed: number; removed: number; unchanged: number; kept: number };
	totals: { units: number; heads: number; area: string };
}

export type CommitResult =
	| { ok: true; summary: ImportSummary; keptOwnerKeys: string[] }
	| { ok: false; problems: ImportProblem[] };

interface Options {
	locale?: RollLocale;
	now?: Date;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Reads and validates the file with the estate's counted kinds and the server's ID key. The
 * preview keeps its parse in this process (parse-cache.ts); the commit takes it when everything
 * the parse depends on is the same, and otherwise reads the file again.
 */
async function parse(
	db: Executor,
	estateId: string,
	bytes: Uint8Array,
	filename: string,
	digest: string,
	use: 'remember' | 'take'
) {
	const [idKey, countedKinds] = await Promise.all([
		personalDataHasher(db),
		countedKindsOf(db, estateId)
	]);
	const key = parseKey({ estateId, sha256: digest, filename, countedKinds, idKey });
	const kept = use === 'take' ? takeParse(key) : null;
	if (kept) return { ...kept, problems: kept.preview.problems };
	const file = await readRollFileOffThread(bytes, filename);
	if ('error' in file)
		return { format: null, encoding: null, preview: null, problems: [file.error] };
	const preview = previewRoll(file, { idKey, countedKinds });
	const { format, encoding } = file;
	if (use === 'remember') rememberParse(key, { format, encoding, preview });
	return { format, encoding, preview, problems: preview.problems };
}

/** The file as a snapshot; a developer row without a name keeps the stored developer's name. */
function nextSnapshot(preview: RollPreview, current: RollSnapshot): RollSnapshot {
	const next = snapshotOf(preview);
	const stored = current.owners.find((o) => o.key === DEVELOPER_KEY);
	for (const o of next.owners) if (o.key === DEVELOPER_KEY && !o.name) o.name = stored?.name ?? '';
	return next;
}

function unitRefusal(ids: string[], current: Map<string, string>, locale: RollLocale) {
	const byId = new Map([...current].map(([k, id]) => [id, k.replace('\u0000', ' ')]));
	const units = ids.map((id) => byId.get(id)).join('、');
	return refusal('roll.unitReferenced', { units, count: ids.length }, locale);
}

/** Reads the file, validates it and compares it with the stored roll; writes nothing. */
export async function previewImport(
	db: Executor,
	estateId: string,
	bytes: Uint8Array,
	filename: string,
	{ locale = 'zh' }: Options = {}
): Promise<ImportPreview> {
	const digest = sha256(bytes);
	const base = { current: null, next: null, diff: null, keptOwnerKeys: [], sha256: digest };
	if (!(await findEstate(db, estateId))) {
		const problems = [refusal('estate.notFound', { estate: estateId }, locale)];
		return {
			...base,
			ok: false,
			format: null,
			encoding: null,
			preview: null,
			lock: null,
			problems
		};
	}
	// The stored roll and its lock are read while a worker reads the file.
	const [parsed, { reason: lock }, loaded] = await Promise.all([
		parse(db, estateId, bytes, filename, digest, 'remember'),
		rollLock(db, estateId),
		loadRoll(db, estateId)
	]);
	const { format, encoding, preview, problems } = parsed;
	const described = problems.map((p) => describeProblem(p, locale));
	if (!preview || problems.length)
		return { ...base, ok: false, format, encoding, preview, lock, problems: described };

	const next = nextSnapshot(preview, loaded.snapshot);
	const diff = diffRoll(loaded.snapshot, next);
	const removedOwnerIds = diff.owners.removed.map((o) => loaded.ownerIds.get(o.key)!);
	const linked = new Set(await linkedOwnerIds(db, removedOwnerIds));
	const keptOwnerKeys = diff.owners.removed
		.filter((o) => linked.has(loaded.ownerIds.get(o.key)!))
		.map((o) => o.key);
	const removedUnitIds = diff.units.removed.map((u) =>
		loaded.unitIds.get(`${u.building}\u0000${u.unit}`)!
	);
	const referenced = await referencedUnitIds(db, removedUnitIds);
	if (referenced.length) described.push(unitRefusal(referenced, loaded.unitIds, locale));
	if (lock) described.push(refusal('roll.locked', { state: lock }, locale));
	return {
		...base,
		ok: described.length === 0,
		format,
		encoding,
		preview,
		diff,
		current: loaded.snapshot,
		next,
		keptOwnerKeys,
		lock,
		problems: described
	};
}

/**
 * Imports a roll file: validates it again, or takes the server's own parse of the same bytes from
 * its preview (a preview sent by a client is never trusted); refuses on any problem or while the
 * roll is locked, and applies the difference in one transaction with one audit event. Ids of
 * unchanged units and owners stay; owners in use by accounts are kept.
 */
export async function commitImport(
	db: Db,
	actorId: string | null,
	estateId: string,
	bytes: Uint8Array,
	filename: string,
	{ locale = 'zh', now = new Date() }: Options = {}
): Promise<CommitResult> {
	if (!(await findEstate(db, estateId)))
		return { ok: false, problems: [refusal('estate.notFound', { estate: estateId }, locale)] };
	const digest = sha256(bytes);
	const { preview, problems } = await parse(db, estateId, bytes, filename, digest, 'take');
	if (!preview || problems.length)
		return { ok: false, problems: problems.map((p) => describeProblem(p, locale)) };

	return db.transaction(async (tx) => {
		await lockRollForWrite(tx, estateId);
		const { reason: lock } = await rollLock(tx, estateId);
		if (lock) return { ok: false, problems: [refusal('roll.locked', { state: lock }, locale)] };
		const loaded = await loadRoll(tx, estateId);
		const next = nextSnapshot(preview, loaded.snapshot);
		const diff = diffRoll(loaded.snapshot, next);
		const removedUnitIds = diff.units.removed.map((u) =>
			loaded.unitIds.get(`${u.building}\u0000${u.unit}`)!
		);
		const referenced = await referencedUnitIds(tx, removedUnitIds);
		if (referenced.length)
			return { ok: false, problems: [unitRefusal(referenced, loaded.unitIds, locale)] };
		const { keptOwnerIds } = await applyRollDiff(tx, estateId, loaded, next, diff);
		const keyById = new Map([...loaded.ownerIds].map(([k, id]) => [id, k]));
		const count = <T>(d: { added: T[]; changed: unknown[]; removed: T[]; unchanged: number }) => ({
			added: d.added.length,
			changed: d.changed.length,
			removed: d.removed.length,
			unchanged: d.unchanged
		});
		const summary: ImportSummary = {
			file: filename,
			sha256: digest,
			units: count(diff.units),
			owners: { ...count(diff.owners), kept: keptOwnerIds.length },
			totals: {
				units: preview.totals.units,
				heads: preview.totals.heads,
				area: preview.totals.area
			}
		};
		summary.owners.removed -= keptOwnerIds.length;
		await appendAudit(
			tx,
			{ scope: estateId, actorId, action: 'roll.import', subject: estateId, after: summary },
			now
		);
		return { ok: true, summary, keptOwnerKeys: keptOwnerIds.map((id) => keyById.get(id)!) };
	});
}
