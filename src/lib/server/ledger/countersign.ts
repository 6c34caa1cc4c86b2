import { and, eq } from 'drizzle-orm';
import type { Head, Result } from '../../domain/record/types';
import { verifyHeadSignature } from '../../domain/signature';
import type { Db, Executor } from '../db/client';
import { headSignature, place } from '../db/schema';
import { appendAudit } from '../audit';
import { getAssembly } from './parts';

const HEX64 = /^[0-9a-f]{64}$/;

/** The street above an estate (its path is /district/street/community/estate/). */
export async function streetOf(db: Executor, estateId: string) {
	const [estate] = await db.select({ path: place.path }).from(place).where(eq(place.id, estateId));
	const streetId = estate?.path.split('/')[2];
	if (!streetId) return null;
	const [street] = await db.select().from(place).where(eq(place.id, streetId));
	return street ?? null;
}

export type StreetKeyResult =
	| { ok: true }
	| { ok: false; code: 'countersign.badKey' | 'countersign.keyExists' | 'countersign.noStreet' };

/**
 * Registers the street's public key once; the secret key is made and kept in the street's own
 * browser, so the platform can never sign in the street's name.
 */
export async function registerStreetKey(
	db: Db,
	actorId: string,
	streetId: string,
	publicKey: string,
	now = new Date()
): Promise<StreetKeyResult> {
	if (!HEX64.test(publicKey)) return { ok: false, code: 'countersign.badKey' };
	return db.transaction(async (tx) => {
		const [street] = await tx.select().from(place).where(eq(place.id, streetId));
		if (!street || street.kind !== 'street')
			return { ok: false, code: 'countersign.noStreet' } as const;
		if (street.publicKey) return { ok: false, code: 'countersign.keyExists' } as const;
		await tx.update(place).set({ publicKey }).where(eq(place.id, streetId));
		await appendAudit(
			tx,
			{
				scope: 'platform',
				actorId,
				action: 'street.keyRegistered',
				subject: streetId,
				after: { publicKey }
			},
			now
		);
		return { ok: true } as const;
	});
}

export type CountersignResult =
	| { ok: true }
	| {
			ok: false;
			code:
				| 'assembly.notFound'
				| 'assembly.wrongState'
				| 'countersign.noKey'
				| 'countersign.wrongKey'
				| 'countersign.invalid'
				| 'countersign.done';
	  };

/**
 * The street's countersignature over the head (docs/record-format.md § Signatures, by "street"):
 * made in the street's browser, checked here against the street's registered key and the stored
 * head.
 */
export async function countersign(
	db: Db,
	actorId: string,
	assemblyId: string,
	input: { publicKey: string; signature: string },
	now = new Date()
): Promise<CountersignResult> {
	return db.transaction(async (tx): Promise<CountersignResult> => {
		const a = await getAssembly(tx, assemblyId);
		if (!a) return { ok: false, code: 'assembly.notFound' };
		if (!a.resultJson || (a.state !== 'counted' && a.state !== 'published')) {
			return { ok: false, code: 'assembly.wrongState' };
		}
		const street = await streetOf(tx, a.estateId);
		if (!street?.publicKey) return { ok: false, code: 'countersign.noKey' };
		if (street.publicKey !== input.publicKey) return { ok: false, code: 'countersign.wrongKey' };
		const head = (JSON.parse(a.resultJson) as Result).head as Head;
		const sig = { by: 'street' as const, alg: 'ed25519' as const, ...input };
		if (!verifyHeadSignature(sig, assemblyId, head))
			return { ok: false, code: 'countersign.invalid' };
		const [done] = await tx
			.select({ by: headSignature.by })
			.from(headSignature)
			.where(and(eq(headSignature.assemblyId, assemblyId), eq(headSignature.by, 'street')));
		if (done) return { ok: false, code: 'countersign.done' };
		await tx.insert(headSignature).values({
			assemblyId,
			by: 'street',
			publicKey: input.publicKey,
			signature: input.signature,
			signedBy: actorId,
			at: now
		});
		await appendAudit(
			tx,
			{
				scope: a.estateId,
				actorId,
				action: 'assembly.countersign',
				subject: assemblyId,
				after: { publicKey: input.publicKey, seq: head.seq, hash: head.hash }
			},
			now
		);
		return { ok: true };
	});
}

/** What the oversight page needs to countersign: the head, the street and its key, and whether it is done. */
export async function countersignView(
	db: Executor,
	assemblyId: string,
	grants: { role: string; placePath: string }[]
) {
	const a = await getAssembly(db, assemblyId);
	if (!a?.resultJson) return null;
	const street = await streetOf(db, a.estateId);
	if (!street) return null;
	const [signed] = await db
		.select({ publicKey: headSignature.publicKey, at: headSignature.at })
		.from(headSignature)
		.where(and(eq(headSignature.assemblyId, assemblyId), eq(headSignature.by, 'street')));
	return {
		head: (JSON.parse(a.resultJson) as Result).head as Head,
		street: { id: street.id, name: street.name, publicKey: street.publicKey },
		// A street-level act: the grant must cover the street itself, not only a community below it.
		mayAct: grants.some(
			(g) => (g.role === 'oversight' || g.role === 'admin') && street.path.startsWith(g.placePath)
		),
		signed: signed ? { publicKey: signed.publicKey, at: signed.at.toISOString() } : null
	};
}
