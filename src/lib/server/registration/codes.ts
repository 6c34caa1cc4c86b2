import { and, eq, isNull } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Executor } from '../db/client';
import { registrationCode } from '../db/schema';

/** Crockford base32: no I, L, O, U, so a code read aloud or typed from paper is unambiguous. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 16;
export const CODE_DAYS = 30;

/** 16 symbols × 5 bits = 80 random bits. */
export function generateCode(): string {
	const bytes = randomBytes(10);
	let bits = 0n;
	for (const b of bytes) bits = (bits << 8n) | BigInt(b);
	let out = '';
	for (let i = CODE_LENGTH - 1; i >= 0; i--) out += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
	return out;
}

/** What the owner typed → the canonical code, or null when it cannot be one (Crockford decoding). */
export function normaliseCode(input: string): string | null {
	const s = input
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[\s-]/g, '')
		.replace(/[IL]/g, '1')
		.replace(/O/g, '0');
	return s.length === CODE_LENGTH && [...s].every((c) => ALPHABET.includes(c)) ? s : null;
}

/** Revokes an owner's unused codes (a new letter, or the owner got an account another way). */
export async function revokeOpenCodes(tx: Executor, ownerId: string, now: Date): Promise<number> {
	const rows = await tx
		.update(registrationCode)
		.set({ revokedAt: now })
		.where(
			and(
				eq(registrationCode.ownerId, ownerId),
				isNull(registrationCode.usedAt),
				isNull(registrationCode.revokedAt)
			)
		)
		.returning({ id: registrationCode.id });
	return rows.length;
}

export type CodeRow = typeof registrationCode.$inferSelect;

/**
 * Claims a code atomically: it must exist, be unused, unrevoked and unexpired. Two registrations
 * racing with the same code cannot both win, because the update is conditional.
 */
export async function claimCode(
	tx: Executor,
	codeHash: string,
	now: Date
): Promise<CodeRow | null> {
	const [row] = await tx
		.select()
		.from(registrationCode)
		.where(eq(registrationCode.codeHash, codeHash));
	if (!row || row.usedAt || row.revokedAt || row.expiresAt <= now) return null;
	const [claimed] = await tx
		.update(registrationCode)
		.set({ usedAt: now })
		.where(and(eq(registrationCode.id, row.id), isNull(registrationCode.usedAt)))
		.returning();
	return claimed ?? null;
}
