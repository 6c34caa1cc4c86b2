/**
 * The street's Ed25519 key in this browser: a non-extractable WebCrypto key kept in IndexedDB, so
 * no page script (ours included) can read it out. A passphrase-protected backup file (PBKDF2 +
 * AES-GCM over the PKCS#8 key) is made once, at creation, to set up a second device.
 */
const DB = 'gongyi-street-key';
const KEYS = 'keys';
const SEEN = 'seen';
const ITERATIONS = 310_000;
export const BACKUP_FORMAT = 'gongyi-street-key/1';

interface StoredKey {
	streetId: string;
	publicKey: string;
	privateKey: CryptoKey;
}

export interface Backup {
	format: typeof BACKUP_FORMAT;
	street: string;
	publicKey: string;
	kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
	iv: string;
	data: string;
}

const hex = (b: ArrayBuffer | Uint8Array) =>
	[...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');
const b64 = (b: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(b)));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

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

async function wrappingKey(passphrase: string, salt: Uint8Array, iterations: number) {
	const base = await crypto.subtle.importKey(
		'raw',
		new TextEncoder().encode(passphrase),
		'PBKDF2',
		false,
		['deriveKey']
	);
	return crypto.subtle.deriveKey(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
		base,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
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
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const data = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv },
		await wrappingKey(passphrase, salt, ITERATIONS),
		pkcs8
	);
	await keep(streetId, pkcs8, publicKey);
	const backup: Backup = {
		format: BACKUP_FORMAT,
		street: streetId,
		publicKey,
		kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: ITERATIONS, salt: b64(salt) },
		iv: b64(iv),
		data: b64(data)
	};
	return { publicKey, backup: JSON.stringify(backup, null, 2) + '\n' };
}

export type ImportCode = 'backup.format' | 'backup.passphrase' | 'backup.street';

/** Restores the key from a backup file on this device (a second computer of the street office). */
export async function importStreetKey(
	streetId: string,
	text: string,
	passphrase: string
): Promise<{ ok: true; publicKey: string } | { ok: false; code: ImportCode }> {
	let b: Backup;
	try {
		b = JSON.parse(text) as Backup;
		if (b.format !== BACKUP_FORMAT || !b.kdf?.salt || !b.iv || !b.data) throw new Error();
	} catch {
		return { ok: false, code: 'backup.format' };
	}
	if (b.street !== streetId) return { ok: false, code: 'backup.street' };
	let pkcs8: ArrayBuffer;
	try {
		const key = await wrappingKey(passphrase, unb64(b.kdf.salt), b.kdf.iterations);
		pkcs8 = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(b.iv) }, key, unb64(b.data));
	} catch {
		return { ok: false, code: 'backup.passphrase' };
	}
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
