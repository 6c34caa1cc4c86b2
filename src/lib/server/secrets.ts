import { hexToBytes } from '@noble/hashes/utils.js';
import { eq } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Executor } from './db/client';
import { platformKey } from './db/schema';

const warned = new Set<string>();

/** `VAR`, or the first line of the file named by `VAR_FILE` (container and systemd secrets). */
export function secretFromEnv(envVar: string, env = process.env): string | undefined {
	const file = env[`${envVar}_FILE`];
	if (file) return readFileSync(file, 'utf8').split(/\r?\n/)[0].trim();
	return env[envVar];
}

/**
 * A 32-byte secret: from the environment variable or its `_FILE` when set (production), otherwise
 * generated once and kept in the database in plain text — said once in the log — so that a demo
 * or development install works with zero setup.
 */
export async function loadSecret(db: Executor, name: string, envVar: string): Promise<Uint8Array> {
	return keyFromEnv(envVar) ?? storedSecret(db, name, envVar);
}

/** The secret set in the environment (or its `_FILE`), checked; undefined when none is set. */
function keyFromEnv(envVar: string): Uint8Array | undefined {
	const fromEnv = secretFromEnv(envVar);
	if (!fromEnv) return undefined;
	if (!/^[0-9a-f]{64}$/i.test(fromEnv)) throw new Error(`${envVar} must be 64 hex characters`);
	return hexToBytes(fromEnv);
}

async function storedSecret(db: Executor, name: string, envVar: string): Promise<Uint8Array> {
	await db
		.insert(platformKey)
		.values({ name, value: randomBytes(32).toString('hex') })
		.onConflictDoNothing();
	const [row] = await db.select().from(platformKey).where(eq(platformKey.name, name));
	if (!warned.has(envVar)) {
		warned.add(envVar);
		console.warn(
			`[secrets] ${envVar} is not set: the ${name} key is kept in plain text in the database. Set ${envVar} or ${envVar}_FILE in production.`
		);
	}
	return hexToBytes(row.value);
}

/**
 * The HMAC key read from each database handle, so that a ballot's origin does not cost two queries.
 * Only a committed key is kept: read through the database handle itself (never a transaction,
 * which may roll its own insert back). The key never changes once stored (every earlier hash
 * depends on it); only tests empty the table, and they call forgetCachedSecrets.
 */
let piiKeys = new WeakMap<Executor, Uint8Array>();

/** Forgets the keys read from the database (tests, after emptying every table). */
export function forgetCachedSecrets(): void {
	piiKeys = new WeakMap();
}

/** Keyed hash of personal identifiers (ID numbers, registration codes): HMAC-SHA-256. */
export async function personalDataHasher(db: Executor): Promise<(value: string) => string> {
	// The environment (or its file) is read once per call, as before; only a stored key is kept.
	let key = keyFromEnv('GONGYI_PII_SECRET');
	if (!key) {
		const cacheable = !(db instanceof PgTransaction);
		key = cacheable ? piiKeys.get(db) : undefined;
		if (!key) {
			key = await storedSecret(db, 'pii-hmac', 'GONGYI_PII_SECRET');
			if (cacheable) piiKeys.set(db, key);
		}
	}
	// node:crypto's native HMAC is several times faster than the pure-JS one on 50,000-row imports.
	return (value) => createHmac('sha256', key).update(value, 'utf8').digest('hex');
}
