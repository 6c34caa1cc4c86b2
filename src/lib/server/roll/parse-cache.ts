import type { RollPreview, UnitKind } from '$lib/domain/roll';
import type { RollFile } from './read-file';

/**
 * The server's own parse of a previewed file, kept in this process for a short while so that the
 * commit of the same bytes need not read and validate the file a second time. Only a preview the
 * server computed itself goes in; nothing a client sends but the bytes. The key holds everything
 * the parse depends on: the estate, the bytes' SHA-256, the file name (its extension picks the
 * reader), the estate's counted kinds and a probe of the ID key. The stored roll, the lock and
 * the references are read again by the commit in its transaction, so they are not part of it.
 */
export interface CachedParse {
	format: RollFile['format'];
	encoding: RollFile['encoding'];
	preview: RollPreview;
}

/** At most this many parses are kept (a 50,000-unit preview is tens of MB); the oldest goes. */
export const MAX_CACHED_PARSES = 2;
/** A kept parse is dropped after this long; a commit after that parses again. */
export const CACHED_PARSE_MAX_AGE_MS = 15 * 60 * 1000;

const PROBE = 'gongyi:roll-parse-cache';

interface Entry {
	parse: CachedParse;
	at: number;
	timer: ReturnType<typeof setTimeout>;
}

const entries = new Map<string, Entry>();
const stats = { hits: 0, misses: 0 };

/** How many commits reused a preview's parse and how many had to parse. */
export function parseCacheStats(): Readonly<typeof stats> {
	return { ...stats };
}

export interface ParseKeyParts {
	estateId: string;
	sha256: string;
	filename: string;
	countedKinds: readonly UnitKind[];
	idKey: (value: string) => string;
}

export function parseKey(p: ParseKeyParts): string {
	const kinds = [...p.countedKinds].sort();
	return JSON.stringify([p.estateId, p.sha256, p.filename, kinds, p.idKey(PROBE)]);
}

function drop(key: string) {
	const e = entries.get(key);
	if (!e) return;
	clearTimeout(e.timer);
	entries.delete(key);
}

/** Deep-freezes the preview: one object serves the preview's caller and the later commit. */
function freeze(preview: RollPreview): void {
	for (const u of preview.units) {
		Object.freeze(u.coOwnerKeys);
		Object.freeze(u.lines);
	}
	for (const o of preview.owners) {
		Object.freeze(o.unitKeys);
		Object.freeze(o.coOwnedUnitKeys);
	}
	const { totals } = preview;
	const objects: object[] = [...preview.units, ...preview.owners, ...totals.byBuilding];
	objects.push(...Object.values(totals.byKind));
	for (const x of objects) Object.freeze(x);
	for (const x of [preview.units, preview.owners, preview.problems, totals.byBuilding])
		Object.freeze(x);
	Object.freeze(totals.byKind);
	Object.freeze(totals);
	Object.freeze(preview);
}

/** Keeps a parse without problems (only those can be committed). */
export function rememberParse(key: string, parse: CachedParse, now = Date.now()): void {
	if (!parse.preview.ok) return;
	drop(key);
	while (entries.size >= MAX_CACHED_PARSES) drop(entries.keys().next().value!);
	freeze(parse.preview);
	const timer = setTimeout(() => drop(key), CACHED_PARSE_MAX_AGE_MS);
	timer.unref?.();
	entries.set(key, { parse, at: now, timer });
}

/** The kept parse for exactly this key, removed from the cache; null when there is none. */
export function takeParse(key: string, now = Date.now()): CachedParse | null {
	const e = entries.get(key);
	drop(key);
	if (!e || now - e.at > CACHED_PARSE_MAX_AGE_MS) {
		stats.misses++;
		return null;
	}
	stats.hits++;
	return e.parse;
}

/** Empties the cache (tests). */
export function clearParseCache(): void {
	for (const key of [...entries.keys()]) drop(key);
}
