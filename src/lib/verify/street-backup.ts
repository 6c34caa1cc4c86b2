/**
 * The street key's backup file (`gongyi-street-key/1`): the Ed25519 key as PKCS#8, encrypted with
 * AES-GCM under a key derived from the passphrase (PBKDF2-SHA-256). Written by the oversight page
 * and read both by a second browser and by `cli witness --backup`, with this one code.
 */
export const BACKUP_FORMAT = 'gongyi-street-key/1';
export const BACKUP_ITERATIONS = 310_000;

export interface Backup {
	format: typeof BACKUP_FORMAT;
	street: string;
	publicKey: string;
	kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
	iv: string;
	data: string;
}

const b64 = (b: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(b)));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

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

/** Encrypts the PKCS#8 key under the passphrase with a fresh salt and IV. */
export async function sealBackup(
	street: string,
	publicKey: string,
	pkcs8: ArrayBuffer | Uint8Array,
	passphrase: string
): Promise<Backup> {
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const data = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv },
		await wrappingKey(passphrase, salt, BACKUP_ITERATIONS),
		pkcs8 as BufferSource
	);
	return {
		format: BACKUP_FORMAT,
		street,
		publicKey,
		kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: BACKUP_ITERATIONS, salt: b64(salt) },
		iv: b64(iv),
		data: b64(data)
	};
}

/** The backup in a file's text, or null if it is not one. */
export function parseBackup(text: string): Backup | null {
	try {
		const b = JSON.parse(text) as Backup;
		const ok =
			b?.format === BACKUP_FORMAT &&
			typeof b.street === 'string' &&
			typeof b.publicKey === 'string' &&
			typeof b.kdf?.salt === 'string' &&
			Number.isInteger(b.kdf.iterations) &&
			typeof b.iv === 'string' &&
			typeof b.data === 'string';
		return ok ? b : null;
	} catch {
		return null;
	}
}

/** The PKCS#8 key, or null when the passphrase is wrong (AES-GCM refuses) or the file is damaged. */
export async function openBackup(b: Backup, passphrase: string): Promise<Uint8Array | null> {
	try {
		const key = await wrappingKey(passphrase, unb64(b.kdf.salt), b.kdf.iterations);
		return new Uint8Array(
			await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(b.iv) }, key, unb64(b.data))
		);
	} catch {
		return null;
	}
}

// RFC 8410 §7: an Ed25519 OneAsymmetricKey without the optional fields is this prefix + the seed.
const PKCS8_PREFIX = '302e020100300506032b657004220420';

/** The 32-byte Ed25519 seed inside a PKCS#8 key as WebCrypto exports it, or null. */
export function ed25519SeedOf(pkcs8: Uint8Array): Uint8Array | null {
	const head = [...pkcs8.subarray(0, 16)].map((x) => x.toString(16).padStart(2, '0')).join('');
	return pkcs8.length === 48 && head === PKCS8_PREFIX ? pkcs8.slice(16) : null;
}
