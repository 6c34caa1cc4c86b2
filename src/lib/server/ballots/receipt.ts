import { and, eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Receipt } from '../../domain/record/types';
import type { Executor } from '../db/client';
import { assemblyVoter, ledgerEntry } from '../db/schema';
import { receiptProof } from '../ledger/checkpoints';

/** Before a checkpoint covers the ballot only its place in the chain is known. */
export type PendingReceipt = Pick<Receipt, 'assembly' | 'seq' | 'hash'>;

export type OwnerReceiptResult =
	| {
			ok: true;
			receipt: Receipt | PendingReceipt;
			proven: boolean;
			at: Date;
			/** The signed checkpoint the proof is against (null before one covers the ballot). */
			checkpoint: { treeSize: number; root: string; at: Date } | null;
	  }
	| { ok: false; code: 'receipt.notFound' };

/**
 * An owner's receipt for one of their own ballots: the receipt of docs/record-format.md
 * § Receipts, with its inclusion proof once a signed checkpoint covers the entry. Another owner's
 * seq answers notFound, like a missing one.
 */
export async function ownerReceipt(
	db: Executor,
	input: { assemblyId: string; ownerId: string; seq: number }
): Promise<OwnerReceiptResult> {
	const [entry] = await db
		.select({ hash: ledgerEntry.hash, at: ledgerEntry.at })
		.from(ledgerEntry)
		.innerJoin(
			assemblyVoter,
			and(
				eq(assemblyVoter.assemblyId, ledgerEntry.assemblyId),
				eq(assemblyVoter.pseudonym, ledgerEntry.owner)
			)
		)
		.where(
			and(
				eq(ledgerEntry.assemblyId, input.assemblyId),
				eq(ledgerEntry.seq, input.seq),
				eq(ledgerEntry.type, 'ballot'),
				eq(assemblyVoter.ownerId, input.ownerId)
			)
		);
	if (!entry) return { ok: false, code: 'receipt.notFound' };
	const proof = await receiptProof(db, input.assemblyId, input.seq);
	if (!proof) {
		const receipt = { assembly: input.assemblyId, seq: input.seq, hash: entry.hash };
		return { ok: true, receipt, proven: false, at: entry.at, checkpoint: null };
	}
	const { treeSize, root, at } = proof.checkpoint;
	return {
		ok: true,
		receipt: proof.receipt,
		proven: true,
		at: entry.at,
		checkpoint: { treeSize, root, at }
	};
}

/** base64url of the receipt's JSON, as the verify page reads it from `?receipt=`. */
export function encodeReceipt(receipt: Receipt | PendingReceipt): string {
	return Buffer.from(JSON.stringify(receipt), 'utf8').toString('base64url');
}

export function verifyUrl(origin: string, receipt: Receipt | PendingReceipt): string {
	return `${origin}/verify?receipt=${encodeReceipt(receipt)}`;
}

/** Past this many characters a QR code gets too dense for an old phone camera to read. */
const QR_MAX = 1200;

/**
 * The receipt as a QR code (SVG): the verify URL with the whole receipt, or — when a long proof
 * would make the code unreadable — with the entry's place in the chain only (the JSON download
 * still carries the proof).
 */
export function receiptQrSvg(origin: string, receipt: Receipt | PendingReceipt): Promise<string> {
	let url = verifyUrl(origin, receipt);
	if (url.length > QR_MAX)
		url = verifyUrl(origin, { assembly: receipt.assembly, seq: receipt.seq, hash: receipt.hash });
	return QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'L' });
}
