import { hexToBytes } from '@noble/hashes/utils.js';
import { openCheckpointNote } from '../domain/ledger/checkpoint';
import {
	checkExtension,
	cosignatureLine,
	cosignedMessage,
	cosignerKeyId,
	verifyCosignature,
	type TreeHead
} from '../domain/ledger/cosignature';
import { splitNote, type NoteKey } from '../domain/ledger/note';

/** What GET /api/assemblies/[id]/witness answers. */
export interface WitnessTask {
	note: string;
	cosigned: string;
	treeSize: number;
	root: string;
	proof: string[];
	keys: NoteKey[];
	witnesses: NoteKey[];
}

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export type TransparencyCode =
	| 'fetch'
	| 'note.format'
	| 'note.signature'
	| 'note.origin'
	| 'note.mismatch'
	| 'fork.sameSize'
	| 'fork.smaller'
	| 'fork.inconsistent'
	| 'witness.unknownKey'
	| 'witness.refused';

export type LatestCheck =
	| { ok: true; head: TreeHead; task: WitnessTask; body: string; signer: NoteKey }
	| { ok: false; code: TransparencyCode };

/**
 * Fetches the latest checkpoint with a proof from `seen` and checks it as a witness or monitor
 * must: the platform's signature, the origin, and that the tree extends what was seen before.
 */
export async function checkLatest(
	fetchFn: Fetch,
	base: string,
	assemblyId: string,
	seen: TreeHead | null
): Promise<LatestCheck> {
	let task: WitnessTask;
	try {
		const q = seen ? `?from=${seen.treeSize}` : '';
		const res = await fetchFn(
			`${base}/api/assemblies/${encodeURIComponent(assemblyId)}/witness${q}`
		);
		if (!res.ok) return { ok: false, code: 'fetch' };
		task = (await res.json()) as WitnessTask;
	} catch {
		return { ok: false, code: 'fetch' };
	}
	const opened = openCheckpointNote(task.note, task.keys);
	if (!opened.ok) return { ok: false, code: opened.code };
	const cp = opened.checkpoint;
	if (!cp.origin.endsWith(`/assemblies/${assemblyId}`)) return { ok: false, code: 'note.origin' };
	// Only what the signed note says counts, not the JSON around it.
	const head = { treeSize: cp.treeSize, root: cp.root };
	const ext = checkExtension(seen, head, task.proof);
	if (!ext.ok) return { ok: false, code: ext.code };
	return { ok: true, head, task, body: splitNote(task.note)!.body, signer: opened.key };
}

/** The witnesses whose cosignature on the served note verifies. */
export function cosignersOf(task: WitnessTask): NoteKey[] {
	return task.witnesses.filter((w) => verifyCosignature(task.cosigned, w) !== null);
}

export type WitnessResult =
	| { ok: true; head: TreeHead; cosigned: boolean }
	| { ok: false; code: TransparencyCode; seen: TreeHead | null };

/**
 * One round of a witness (C2SP tlog-witness, in spirit): check the latest checkpoint extends the
 * last one this witness cosigned, then add a cosignature/v1 line and hand it to the log. Refuses,
 * and says so, when the log is not an extension of what it saw — the caller raises the flag.
 */
export async function witnessOnce(opts: {
	fetchFn: Fetch;
	base: string;
	assemblyId: string;
	publicKey: string;
	sign: (message: Uint8Array) => Promise<Uint8Array>;
	seen: TreeHead | null;
	now: Date;
}): Promise<WitnessResult> {
	const latest = await checkLatest(opts.fetchFn, opts.base, opts.assemblyId, opts.seen);
	if (!latest.ok) return { ok: false, code: latest.code, seen: opts.seen };
	const me = latest.task.witnesses.find((w) => w.publicKey === opts.publicKey);
	if (!me) return { ok: false, code: 'witness.unknownKey', seen: opts.seen };
	if (verifyCosignature(latest.task.cosigned, me) !== null)
		return { ok: true, head: latest.head, cosigned: false };
	const timestamp = Math.floor(opts.now.getTime() / 1000);
	const signature = await opts.sign(cosignedMessage(latest.body, timestamp));
	const line = cosignatureLine(
		me.name,
		cosignerKeyId(me.name, hexToBytes(me.publicKey)),
		timestamp,
		signature
	);
	const res = await opts
		.fetchFn(`${opts.base}/api/assemblies/${encodeURIComponent(opts.assemblyId)}/cosignatures`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ treeSize: latest.head.treeSize, line })
		})
		.catch(() => null);
	if (!res?.ok) return { ok: false, code: 'witness.refused', seen: opts.seen };
	return { ok: true, head: latest.head, cosigned: true };
}
