import { and, asc, eq, ilike, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
	assemblyVoter,
	building,
	meetingCheckin,
	owner,
	paperBallot,
	registrationCode,
	unit
} from '../db/schema';
import { readBallotCode } from '../paper/codes';
import { normaliseCode } from '../registration/codes';
import { personalDataHasher } from '../secrets';

/** The code of a registration letter's QR (…/register?code=…) or of a typed code, or null. */
function letterCode(text: string): string | null {
	const t = text.trim();
	if (/^https?:\/\//i.test(t)) {
		try {
			return normaliseCode(new URL(t).searchParams.get('code') ?? '');
		} catch {
			return null;
		}
	}
	return normaliseCode(t);
}

/**
 * The owner named by what staff scanned or typed at the door: a paper ballot's QR (GYB:…) or
 * code, or the QR or code of the owner's registration letter (any letter not replaced by a later
 * one, used for registering or not). Null when it names nobody.
 */
export async function ownerByCode(
	db: Db,
	assemblyId: string,
	text: string
): Promise<{ ownerId: string; via: 'qr' | 'letter' } | null> {
	if (text.length > 500) return null;
	const hash = await personalDataHasher(db);
	const paper = /^https?:/i.test(text.trim()) ? null : readBallotCode(text);
	if (paper) {
		const [row] = await db
			.select({ ownerId: paperBallot.ownerId })
			.from(paperBallot)
			.where(
				and(
					eq(paperBallot.assemblyId, assemblyId),
					eq(paperBallot.codeHash, hash('paper-ballot\n' + paper))
				)
			);
		if (row) return { ownerId: row.ownerId, via: 'qr' };
	}
	const letter = letterCode(text);
	if (!letter) return null;
	const [row] = await db
		.select({ ownerId: registrationCode.ownerId })
		.from(registrationCode)
		.where(and(eq(registrationCode.codeHash, hash(letter)), isNull(registrationCode.revokedAt)));
	return row ? { ownerId: row.ownerId, via: 'letter' } : null;
}

/** A phone number as typed ("138 0013 8000", "+86-13800138000") → its digits, or null. */
export function phoneDigits(input: string): string | null {
	const d = input.normalize('NFKC').replace(/[\s()+-]/g, '');
	if (!/^\d{5,20}$/.test(d)) return null;
	return d.startsWith('86') && d.length === 13 ? d.slice(2) : d;
}

/** Voters whose unit label matches the search ("1栋 1001" or "1001"), for check-in at the door. */
export async function searchVoters(db: Db, assemblyId: string, q: string) {
	const term = q.trim().split(/\s+/).pop() ?? '';
	if (!term || term.length > 40) return [];
	return votersWhere(db, assemblyId, ilike(unit.label, `%${term.replace(/[%_\\]/g, '')}%`));
}

/** Voters whose roll phone number is the one typed (digits compared, "+86" ignored). */
export async function votersByPhone(db: Db, assemblyId: string, phone: string) {
	const d = phoneDigits(phone);
	if (!d) return [];
	const digits = sql`regexp_replace(coalesce(${owner.phone}, ''), '[^0-9]', '', 'g')`;
	return votersWhere(db, assemblyId, sql`(${digits} = ${d} or ${digits} = ${'86' + d})`);
}

async function votersWhere(db: Db, assemblyId: string, where: SQL) {
	const rows = await db
		.select({ ownerId: owner.id, name: owner.name, label: unit.label, building: building.name })
		.from(unit)
		.innerJoin(owner, eq(owner.id, unit.ownerId))
		.innerJoin(building, eq(building.id, unit.buildingId))
		.innerJoin(
			assemblyVoter,
			and(eq(assemblyVoter.ownerId, owner.id), eq(assemblyVoter.assemblyId, assemblyId))
		)
		.where(where)
		.orderBy(asc(building.name), asc(unit.label))
		.limit(20);
	const present = rows.length
		? await db
				.select({ id: meetingCheckin.ownerId })
				.from(meetingCheckin)
				.where(
					and(
						eq(meetingCheckin.assemblyId, assemblyId),
						inArray(
							meetingCheckin.ownerId,
							rows.map((r) => r.ownerId)
						)
					)
				)
		: [];
	const here = new Set(present.map((p) => p.id));
	return rows.map((r) => ({
		...r,
		unit: `${r.building} ${r.label}`,
		present: here.has(r.ownerId)
	}));
}
