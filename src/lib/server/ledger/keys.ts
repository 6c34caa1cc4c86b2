import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import { noteKeyHash, splitNote, unb64, type NoteKey } from '../../domain/ledger/checkpoint';
import { publicKeyOf } from '../../domain/signature';
import type { Executor } from '../db/client';
import { checkpoint, ledgerOrigin, logKey } from '../db/schema';
import { loadSecret } from '../secrets';

export interface PublishedKey extends NoteKey {
	createdAt: string;
	retiredAt: string | null;
}

/** The public host now: only for links and for naming a key or ledger when it is first made. */
export function currentHost(): string {
	const origin = process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
	return new URL(origin).host;
}

/**
 * A key that signed checkpoints before keys were recorded: its name is whatever name the stored
 * notes carry with a matching key hash, so those notes keep verifying.
 */
async function legacyName(db: Executor, publicKey: string): Promise<string | null> {
	const pub = hexToBytes(publicKey);
	const notes = await db.select({ note: checkpoint.note }).from(checkpoint).limit(20);
	for (const { note } of notes) {
		for (const line of splitNote(note)?.signatures ?? []) {
			const m = /^\u2014 (\S+) (\S+)$/.exec(line);
			if (!m) continue;
			const hash = unb64(m[2]).slice(0, 4);
			if (noteKeyHash(m[1], pub).every((b, i) => b === hash[i])) return m[1];
		}
	}
	return null;
}

/**
 * Secret key (hex) → public key: deriving it is a scalar multiplication, and the checkpoint timer
 * asks for the key once per open assembly.
 */
const publicKeys = new Map<string, string>();
function cachedPublicKey(secretKey: Uint8Array): string {
	const k = bytesToHex(secretKey);
	let p = publicKeys.get(k);
	if (p === undefined) {
		if (publicKeys.size > 16) publicKeys.clear();
		publicKeys.set(k, (p = publicKeyOf(secretKey)));
	}
	return p;
}

/**
 * The platform's Ed25519 key (GONGYI_SIGNING_KEY, or generated once for a demo install) with its
 * signed-note name. The name is fixed the first time the key is used and never follows ORIGIN;
 * a new key (rotation) retires the others, which stay published.
 */
export async function platformKey(
	db: Executor
): Promise<{ secretKey: Uint8Array; publicKey: string; name: string }> {
	const secretKey = await loadSecret(db, 'platform-ed25519', 'GONGYI_SIGNING_KEY');
	const publicKey = cachedPublicKey(secretKey);
	let [row] = await db.select().from(logKey).where(eq(logKey.publicKey, publicKey));
	if (!row) {
		const name = (await legacyName(db, publicKey)) ?? currentHost();
		await db.insert(logKey).values({ publicKey, name }).onConflictDoNothing();
		await db
			.update(logKey)
			.set({ retiredAt: new Date() })
			.where(and(ne(logKey.publicKey, publicKey), isNull(logKey.retiredAt)));
		[row] = await db.select().from(logKey).where(eq(logKey.publicKey, publicKey));
	}
	return { secretKey, publicKey, name: row.name };
}

/** Every platform key there has been, oldest first: what anyone needs to check old evidence. */
export async function publishedKeys(db: Executor): Promise<PublishedKey[]> {
	await platformKey(db);
	const rows = await db.select().from(logKey).orderBy(asc(logKey.createdAt));
	return rows.map((r) => ({
		name: r.name,
		publicKey: r.publicKey,
		createdAt: r.createdAt.toISOString(),
		retiredAt: r.retiredAt?.toISOString() ?? null
	}));
}

/**
 * The origin line of an assembly's checkpoints, fixed when its ledger opens. A ledger opened before
 * this was recorded keeps the origin of its first checkpoint.
 */
export async function fixLedgerOrigin(db: Executor, assemblyId: string): Promise<string> {
	const [row] = await db.select().from(ledgerOrigin).where(eq(ledgerOrigin.assemblyId, assemblyId));
	if (row) return row.origin;
	const [first] = await db
		.select({ note: checkpoint.note })
		.from(checkpoint)
		.where(eq(checkpoint.assemblyId, assemblyId))
		.orderBy(asc(checkpoint.treeSize))
		.limit(1);
	const origin = first?.note.split('\n')[0] || `${currentHost()}/assemblies/${assemblyId}`;
	await db.insert(ledgerOrigin).values({ assemblyId, origin }).onConflictDoNothing();
	const [stored] = await db
		.select()
		.from(ledgerOrigin)
		.where(eq(ledgerOrigin.assemblyId, assemblyId));
	return stored.origin;
}
