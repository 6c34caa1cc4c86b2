import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { and, asc, desc, eq } from 'drizzle-orm';
import {
	cosignerKeyId,
	parseCosignatureLine,
	verifyCosignature
} from '../../domain/ledger/cosignature';
import { consistencyProof } from '../../domain/ledger/merkle';
import type { NoteKey } from '../../domain/ledger/note';
import type { Db, Executor } from '../db/client';
import { checkpoint, cosignature } from '../db/schema';
import { appendAudit } from '../audit';
import { streetOf } from './countersign';
import { getAssembly } from './parts';
import { entryHashes } from './store';

/** A street's witness name: fixed by the street's id, never by the host. */
export const witnessName = (streetId: string) => `gongyi-street/${streetId}`;

/** The witnesses of an assembly: its street, once the street has registered its key. */
export async function witnessesOf(
	db: Executor,
	estateId: string
): Promise<(NoteKey & { street: string })[]> {
	const street = await streetOf(db, estateId);
	return street?.publicKey
		? [{ name: witnessName(street.id), publicKey: street.publicKey, street: street.name }]
		: [];
}

/** A checkpoint note with every stored cosignature line appended: what the log serves. */
export function cosignedNote(note: string, lines: string[]): string {
	return note + lines.map((l) => `${l}\n`).join('');
}

export async function cosignaturesOf(db: Executor, assemblyId: string) {
	return db
		.select()
		.from(cosignature)
		.where(eq(cosignature.assemblyId, assemblyId))
		.orderBy(asc(cosignature.treeSize), asc(cosignature.publicKey));
}

/**
 * What a witness needs to cosign the latest checkpoint: the note, and a consistency proof from the
 * tree it says it saw last (`from`), so it can check the log only grew.
 */
export async function witnessTask(db: Executor, assemblyId: string, from: number | null) {
	const [latest] = await db
		.select()
		.from(checkpoint)
		.where(eq(checkpoint.assemblyId, assemblyId))
		.orderBy(desc(checkpoint.treeSize))
		.limit(1);
	if (!latest) return null;
	let proof: string[] = [];
	if (from !== null && from > 0 && from < latest.treeSize) {
		const leaves = (await entryHashes(db, assemblyId)).map((h) => hexToBytes(h));
		proof = consistencyProof(leaves, from, latest.treeSize).map((p) => bytesToHex(p));
	}
	const lines = (await cosignaturesOf(db, assemblyId))
		.filter((c) => c.treeSize === latest.treeSize)
		.map((c) => c.line);
	return {
		note: latest.note,
		cosigned: cosignedNote(latest.note, lines),
		treeSize: latest.treeSize,
		root: latest.root,
		from,
		proof
	};
}

export type CosignCode =
	| 'cosign.notFound'
	| 'cosign.noWitness'
	| 'cosign.badLine'
	| 'cosign.invalid'
	| 'cosign.notExtension';

/**
 * Stores a witness's cosignature line after checking it: a cosignature/v1 line of the assembly's
 * street key over that checkpoint, on a tree that extends what this key cosigned before. The
 * signature is the authority, so an unattended witness needs no login.
 */
export async function addCosignature(
	db: Db,
	input: { assemblyId: string; treeSize: number; line: string; submittedBy: string | null },
	now = new Date()
): Promise<{ ok: true; duplicate: boolean } | { ok: false; code: CosignCode }> {
	return db.transaction(async (tx) => {
		const a = await getAssembly(tx, input.assemblyId);
		const [cp] = a
			? await tx
					.select()
					.from(checkpoint)
					.where(and(eq(checkpoint.assemblyId, a.id), eq(checkpoint.treeSize, input.treeSize)))
			: [];
		if (!a || !cp) return { ok: false, code: 'cosign.notFound' } as const;
		const parsed = parseCosignatureLine(input.line);
		if (!parsed) return { ok: false, code: 'cosign.badLine' } as const;
		const key = (await witnessesOf(tx, a.estateId)).find(
			(w) =>
				w.name === parsed.name &&
				bytesToHex(cosignerKeyId(w.name, hexToBytes(w.publicKey))) === parsed.keyId
		);
		if (!key) return { ok: false, code: 'cosign.noWitness' } as const;
		if (verifyCosignature(`${cp.note}${input.line}\n`, key) === null)
			return { ok: false, code: 'cosign.invalid' } as const;
		const [done] = await tx
			.select()
			.from(cosignature)
			.where(
				and(
					eq(cosignature.assemblyId, a.id),
					eq(cosignature.treeSize, cp.treeSize),
					eq(cosignature.publicKey, key.publicKey)
				)
			);
		if (done) return { ok: true, duplicate: true } as const;
		await tx.insert(cosignature).values({
			assemblyId: a.id,
			treeSize: cp.treeSize,
			publicKey: key.publicKey,
			name: key.name,
			line: input.line,
			timestamp: parsed.timestamp,
			submittedBy: input.submittedBy,
			at: now
		});
		await appendAudit(
			tx,
			{
				scope: a.estateId,
				actorId: input.submittedBy,
				action: 'checkpoint.cosign',
				subject: a.id,
				after: { treeSize: cp.treeSize, root: cp.root, witness: key.name }
			},
			now
		);
		return { ok: true, duplicate: false } as const;
	});
}

/** The street behind an assembly, its key and whether this account may act for it (witness, key). */
export async function streetKeyView(
	db: Executor,
	assemblyId: string,
	grants: { role: string; placePath: string }[]
) {
	const a = await getAssembly(db, assemblyId);
	const street = a && (await streetOf(db, a.estateId));
	if (!street) return null;
	return {
		street: { id: street.id, name: street.name, publicKey: street.publicKey },
		witnessName: witnessName(street.id),
		// A street-level act: the grant must cover the street itself, not only a community below it.
		mayAct: grants.some(
			(g) => (g.role === 'oversight' || g.role === 'admin') && street.path.startsWith(g.placePath)
		)
	};
}
