import { hexToBytes } from '@noble/hashes/utils.js';
import { eq } from 'drizzle-orm';
import { createHmac, randomBytes } from 'node:crypto';
import type { Executor } from './db/client';
import { platformKey } from './db/schema';

/**
 * A 32-byte secret: from the environment variable when set (production), otherwise generated once
 * and kept in the database so that a demo or development install works with zero setup.
 */
export async function loadSecret(db: Executor, name: string, envVar: string): Promise<Uint8Array> {
	const fromEnv = process.env[envVar];
	if (fromEnv) {
		if (!/^[0-9a-f]{64}$/i.test(fromEnv)) throw new Error(`${envVar} must be 64 hex characters`);
		return hexToBytes(fromEnv);
	}
	await db
		.insert(platformKey)
		.values({ name, value: randomBytes(32).toString('hex') })
		.onConflictDoNothing();
	const [row] = await db.select().from(platformKey).where(eq(platformKey.name, name));
	return hexToBytes(row.value);
}

/** Keyed hash of personal identifiers (ID numbers, registration codes): HMAC-SHA-256. */
export async function personalDataHasher(db: Executor): Promise<(value: string) => string> {
	const key = await loadSecret(db, 'pii-hmac', 'GONGYI_PII_SECRET');
	// node:crypto's native HMAC is several times faster than the pure-JS one on 50,000-row imports.
	return (value) => createHmac('sha256', key).update(value, 'utf8').digest('hex');
}
