/**
 * The street's Ed25519 key in this browser: a non-extractable WebCrypto key kept in IndexedDB, so
 * no page script (ours included) can read it out. A passphrase-protected backup file (PBKDF2 +
 * AES-GCM over the PKCS#8 key) is made once, at creation, to set up a second device.
 */
import { openBackup, parseBackup, sealBackup } from '$lib/verify/street-backup';

const DB = 'gongyi-street-key';
const KEYS = 'keys';
const SEEN = 'seen';

interface StoredKey {
	streetId: string;
	publicKey: string;
	privateKey: CryptoKey;
}

const hex = (b: ArrayBuffer | Uint8Array) =>
	[...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(DB, 1);
		req.onupgradeneeded = () => {
			req.result.createObjectStore(KEYS, { keyPath: 'streetId' });
			req.result.createObjectStore(SEEN);
		};
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

async function run<T>(
	store: string,
	mode: IDBTransactionMode,
	fn: (s: IDBObjectStore) => IDBRequest
): Promise<T> {
	const db = await open();
	return new Promise<T>((resolve, reject) => {
		const req = fn(db.transaction(store, mode).objectStore(store));
		req.onsuccess = () => resolve(req.result as T);
		req.onerror = () => reject(req.error);
	}).finally(() => db.close());
}

async function keep(streetId: string, pkcs8: Uint8Array | ArrayBuffer, publicKey: string) {
	const privateKey = await crypto.subtle.importKey(
		'pkcs8',
		pkcs8 as BufferSource,
		{ name: 'Ed25519' },
		false,
		['sign']
	);
	await run(KEYS, 'readwrite', (s) =>
		s.put({ streetId, publicKey, privateKey } satisfies StoredKey)
	);
}

/** Makes the key here, keeps it non-extractable, and returns its public key and the backup file text. */
export async function createStreetKey(streetId: string, passphrase: string) {
	const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
		'sign',
		'verify'
	])) as CryptoKeyPair;
	const publicKey = hex(await crypto.subtle.exportKey('raw', pair.publicKey));
	const pkcs8 = await crypto.subtle.exportKey('pkcs8', pair.privateKey);
	const backup = await sealBackup(streetId, publicKey, pkcs8, passphrase);
	await keep(streetId, pkcs8, publicKey);
	return { publicKey, backup: JSON.stringify(backup, null, 2) + '\n' };
}

export type ImportCode = 'backup.format' | 'backup.passphrase' | 'backup.street';

/** Restores the key from a backup file on this device (a second computer of the street office). */
export async function importStreetKey(
	streetId: string,
	text: string,
	passphrase: string
): Promise<{ ok: true; publicKey: string } | { ok: false; code: ImportCode }> {
	const b = parseBackup(text);
	if (!b) return { ok: false, code: 'backup.format' };
	if (b.street !== streetId) return { ok: false, code: 'backup.street' };
	const pkcs8 = await openBackup(b, passphrase);
	if (!pkcs8) return { ok: false, code: 'backup.passphrase' };
	await keep(streetId, pkcs8, b.publicKey);
	return { ok: true, publicKey: b.publicKey };
}

/** The street's key on this device, or null. */
export async function loadStreetKey(streetId: string): Promise<StoredKey | null> {
	return (await run<StoredKey | undefined>(KEYS, 'readonly', (s) => s.get(streetId))) ?? null;
}

export async function signWithStreetKey(key: StoredKey, message: Uint8Array): Promise<Uint8Array> {
	return new Uint8Array(
		await crypto.subtle.sign({ name: 'Ed25519' }, key.privateKey, message as BufferSource)
	);
}

export const signatureHex = hex;

/** The last checkpoint this device's witness cosigned for an assembly (its own memory, not the server's). */
export async function seenHead(
	assemblyId: string
): Promise<{ treeSize: number; root: string } | null> {
	return (await run(SEEN, 'readonly', (s) => s.get(assemblyId))) ?? null;
}

export async function saveSeenHead(assemblyId: string, head: { treeSize: number; root: string }) {
	await run(SEEN, 'readwrite', (s) => s.put(head, assemblyId));
}
