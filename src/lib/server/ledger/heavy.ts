import { checkStoredChain, type ChainCheck } from './integrity';
import { createHash } from 'node:crypto';
import { count, desc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { headSignature, ledgerEntry } from '../db/schema';
import { ledgerMerkleRoot } from '../../domain/ledger/head';
import { checkpointChain, listCheckpoints } from './checkpoints';
import { exportRecord } from './record';
import { entryHashes } from './store';

/**
 * Anonymous heavy requests (the record download, the public ledger page) must not stall the
 * server: a record is built once per ledger head and kept as bytes with its ETag, downloads are
 * streamed in chunks, and at most MAX_ANONYMOUS of them run at once (429 with Retry-After past
 * that). Signed-in staff and oversight are not limited.
 */
export const MAX_ANONYMOUS = 4;
export const RETRY_AFTER_S = 5;
const MAX_RECORDS = 4;
const CHUNK = 64 * 1024;

const stats = { builds: 0, hits: 0, refused: 0 };
/** How many records were built, served from the cache, and anonymous requests refused. */
export function heavyStats(): Readonly<typeof stats> {
	return { ...stats };
}

let anonymous = 0;

/** A slot for an anonymous heavy request, or null when MAX_ANONYMOUS already run. */
export function enterAnonymous(): (() => void) | null {
	if (anonymous >= MAX_ANONYMOUS) {
		stats.refused++;
		return null;
	}
	anonymous++;
	let left = false;
	return () => {
		if (left) return;
		left = true;
		anonymous--;
	};
}

/** The ledger's head hash, or null when it has no entry. */
export async function headHash(db: Executor, assemblyId: string): Promise<string | null> {
	const [row] = await db
		.select({ hash: ledgerEntry.hash })
		.from(ledgerEntry)
		.where(eq(ledgerEntry.assemblyId, assemblyId))
		.orderBy(desc(ledgerEntry.seq))
		.limit(1);
	return row?.hash ?? null;
}

interface Built {
	bytes: Uint8Array;
	etag: string;
}
const records = new Map<string, Promise<Built | null>>();

/**
 * The record's JSON bytes and ETag, built once per (assembly, variant, head hash, state,
 * signatures): the ledger of a closed assembly no longer grows, and the count and signatures
 * that come after closing change the state or the signature count. Concurrent first requests
 * share one build.
 */
export async function cachedRecord(
	db: Executor,
	a: { id: string; state: string },
	full: boolean
): Promise<Built | null> {
	const [head, [sigs]] = await Promise.all([
		headHash(db, a.id),
		db.select({ n: count() }).from(headSignature).where(eq(headSignature.assemblyId, a.id))
	]);
	const key = `${a.id}\n${full ? 'full' : 'public'}\n${head}\n${a.state}\n${sigs?.n ?? 0}`;
	const known = records.get(key);
	if (known) {
		stats.hits++;
		records.delete(key);
		records.set(key, known);
		return known;
	}
	stats.builds++;
	const build = exportRecord(db, a.id, { full }).then((record) => {
		if (!record) return null;
		const bytes = new TextEncoder().encode(JSON.stringify(record));
		const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
		return { bytes, etag };
	});
	records.set(key, build);
	build.catch(() => records.delete(key));
	while (records.size > MAX_RECORDS) records.delete(records.keys().next().value!);
	return build;
}

type Chain = Awaited<ReturnType<typeof checkpointChain>>;
interface LedgerParts {
	head: { seq: number; hash: string; merkleRoot: string } | null;
	chain: Chain;
	/** The stored-chain check (integrity.ts), kept with the view of this head and checkpoints. */
	integrity: ChainCheck;
}
const views = new Map<string, { parts: LedgerParts; at: number }>();
const MAX_VIEWS = 32;
/**
 * A kept view is rebuilt after this long even when head and checkpoints are unchanged: the
 * stored-chain check must also catch a row changed in the middle of the ledger, which the key
 * cannot see. One rebuild a minute bounds the cost of anonymous page views.
 */
export const VIEW_TTL_MS = 60_000;

/**
 * The public ledger page's heavy parts (the head's Merkle root over every entry, the checkpoints'
 * consistency proofs), computed once per head hash and checkpoint list; a closed ledger's are
 * computed once.
 */
export async function cachedLedgerParts(db: Executor, assemblyId: string): Promise<LedgerParts> {
	const [head, cps] = await Promise.all([
		headHash(db, assemblyId),
		listCheckpoints(db, assemblyId)
	]);
	const key = `${assemblyId}\n${head}\n${cps.map((c) => `${c.treeSize}:${c.root}`).join(',')}`;
	const known = views.get(key);
	if (known && Date.now() - known.at < VIEW_TTL_MS) {
		stats.hits++;
		return known.parts;
	}
	stats.builds++;
	const at = Date.now();
	const [hashes, chain, integrity] = await Promise.all([
		entryHashes(db, assemblyId),
		checkpointChain(db, assemblyId),
		checkStoredChain(db, assemblyId)
	]);
	const parts: LedgerParts = {
		head: hashes.length
			? {
					seq: hashes.length - 1,
					hash: hashes[hashes.length - 1],
					merkleRoot: ledgerMerkleRoot(hashes.map((hash) => ({ hash })))
				}
			: null,
		chain,
		integrity
	};
	// Only a view whose head is still the head when it was computed is kept.
	if ((parts.head?.hash ?? null) === head) {
		views.delete(key);
		views.set(key, { parts, at });
		while (views.size > MAX_VIEWS) views.delete(views.keys().next().value!);
	}
	return parts;
}

/** Whether If-None-Match names this ETag (or is "*"). */
export function matchesEtag(header: string | null, etag: string): boolean {
	if (!header) return false;
	return header.split(',').some((t) => {
		const tag = t.trim().replace(/^W\//, '');
		return tag === '*' || tag === etag;
	});
}

/** The bytes as a stream of 64 KB chunks; `done` runs once it is read to the end or cancelled. */
export function chunked(
	bytes: Uint8Array,
	done: () => void = () => {}
): ReadableStream<Uint8Array> {
	let at = 0;
	return new ReadableStream<Uint8Array>(
		{
			pull(controller) {
				if (at >= bytes.length) {
					controller.close();
					done();
					return;
				}
				controller.enqueue(bytes.subarray(at, at + CHUNK));
				at += CHUNK;
			},
			cancel() {
				done();
			}
		},
		{ highWaterMark: 0 }
	);
}

/** Forget every cached record (tests). */
export function clearHeavyCache(): void {
	records.clear();
	views.clear();
}
