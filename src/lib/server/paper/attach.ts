import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { paperAttachment, paperBallot } from '../db/schema';
import { appendAudit } from '../audit';
import { newId } from '../ids';
import { getAssembly } from '../ledger/parts';
import {
	MAX_UPLOAD_BYTES,
	removeUpload,
	saveUpload,
	sniffImage,
	type ImageKind
} from '../registration/uploads';
import { personalDataHasher } from '../secrets';
import { readBallotCode } from './codes';

export type AttachResult =
	| { ok: true; sha256: string }
	| {
			ok: false;
			code:
				'paper.badCode' | 'paper.unknownCode' | 'upload.missing' | 'upload.size' | 'upload.type';
	  };

/** A scan is a photo or a PDF, told by its magic bytes. */
export function sniffScan(b: Uint8Array): ImageKind | { ext: 'pdf'; type: string } | null {
	if (b.length >= 5 && String.fromCharCode(...b.subarray(0, 5)) === '%PDF-')
		return { ext: 'pdf', type: 'application/pdf' };
	return sniffImage(b);
}

/** Keeps a photo or scan of a paper ballot; its SHA-256 goes into the audit trail. */
export async function attachPaperScan(
	db: Db,
	input: { assemblyId: string; accountId: string; code: string; bytes: Uint8Array | null }
): Promise<AttachResult> {
	const code = readBallotCode(input.code);
	if (!code) return { ok: false, code: 'paper.badCode' };
	const b = input.bytes;
	if (!b?.length) return { ok: false, code: 'upload.missing' };
	if (b.length > MAX_UPLOAD_BYTES) return { ok: false, code: 'upload.size' };
	const kind = sniffScan(b);
	if (!kind) return { ok: false, code: 'upload.type' };
	const a = await getAssembly(db, input.assemblyId);
	const codeHash = (await personalDataHasher(db))('paper-ballot\n' + code);
	const [pb] = await db
		.select({ id: paperBallot.id, state: paperBallot.state })
		.from(paperBallot)
		.where(and(eq(paperBallot.codeHash, codeHash), eq(paperBallot.assemblyId, input.assemblyId)));
	if (!a || !pb || pb.state === 'void') return { ok: false, code: 'paper.unknownCode' };
	const sha256 = createHash('sha256').update(b).digest('hex');
	const path = await saveUpload(a.estateId, b, kind as ImageKind);
	try {
		await db.transaction(async (tx) => {
			await tx.insert(paperAttachment).values({
				id: newId('pa'),
				paperBallotId: pb.id,
				sha256,
				path,
				contentType: kind.type,
				size: b.length,
				uploadedBy: input.accountId
			});
			await appendAudit(tx, {
				scope: a.estateId,
				actorId: input.accountId,
				action: 'paper.attach',
				subject: pb.id,
				after: { assembly: a.id, sha256, size: b.length, type: kind.type }
			});
		});
	} catch (e) {
		await removeUpload(path);
		throw e;
	}
	return { ok: true, sha256 };
}
