import { openCheckpointNote, type NoteKey } from '$lib/domain/ledger/checkpoint';
import { verifyReceipt } from '$lib/domain/ledger/receipt';
import { verifyCosignature } from '$lib/domain/ledger/cosignature';

/** What an owner holds: at least the assembly, seq and hash; a path with its tree size if issued so. */
export interface HeldReceipt {
	assembly: string;
	seq: number;
	hash: string;
	treeSize?: number;
	path?: string[];
}

type Fetch = (url: string) => Promise<Response>;

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const HASH = /^[0-9a-f]{64}$/;

function fromBase64Url(s: string): string {
	const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
	const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
	return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The receipt link's payload: base64url of the receipt's JSON (what the receipt QR encodes). */
export function receiptLink(origin: string, r: HeldReceipt): string {
	const bytes = new TextEncoder().encode(JSON.stringify(r));
	const b64 = btoa(String.fromCharCode(...bytes));
	return `${origin}/verify?receipt=${b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/**
 * Reads a receipt from what was pasted or scanned: its JSON, the verify link with `?receipt=`, or
 * that parameter's value alone. Null when it is none of these.
 */
export function parseReceipt(input: string): HeldReceipt | null {
	const text = input.trim();
	let json: unknown;
	try {
		if (text.startsWith('{')) json = JSON.parse(text);
		else {
			const m = /[?&]receipt=([A-Za-z0-9_-]+)/.exec(text);
			json = JSON.parse(fromBase64Url(m ? m[1] : text));
		}
	} catch {
		return null;
	}
	const r = json as HeldReceipt;
	if (typeof r !== 'object' || r === null) return null;
	if (typeof r.assembly !== 'string' || !ID.test(r.assembly)) return null;
	if (!Number.isSafeInteger(r.seq) || r.seq < 0 || typeof r.hash !== 'string') return null;
	if (!HASH.test(r.hash)) return null;
	if (r.path !== undefined && !(Array.isArray(r.path) && r.path.every((p) => HASH.test(p))))
		return null;
	if (r.treeSize !== undefined && !Number.isSafeInteger(r.treeSize)) return null;
	return { assembly: r.assembly, seq: r.seq, hash: r.hash, treeSize: r.treeSize, path: r.path };
}

/** What the verify page was given: a whole receipt, or only a ballot's hash to look up. */
export type ReceiptInput =
	{ kind: 'receipt'; receipt: HeldReceipt } | { kind: 'hash'; hash: string };

/**
 * Reads any of the ways an owner may hold a receipt: its JSON (pasted or the downloaded file), the
 * QR link, the link's payload, or the 64-hex hash alone (copied from the receipt page).
 */
export function readReceiptInput(input: string): ReceiptInput | null {
	const hash = input.trim().toLowerCase();
	if (HASH.test(hash)) return { kind: 'hash', hash };
	const receipt = parseReceipt(input);
	return receipt ? { kind: 'receipt', receipt } : null;
}

/**
 * Finds which assembly and entry a bare hash belongs to (public ledgers only); null when none holds
 * it, 'network' when the server could not be asked.
 */
export async function lookupHash(
	hash: string,
	fetchFn: Fetch
): Promise<HeldReceipt | null | 'network'> {
	try {
		const res = await fetchFn(`/api/ledger/lookup?hash=${hash}`);
		if (res.status === 404) return null;
		if (!res.ok) return 'network';
		const body = (await res.json()) as { assembly: string; seq: number };
		return { assembly: body.assembly, seq: body.seq, hash };
	} catch {
		return 'network';
	}
}

export interface CheckpointAnswer {
	note: string;
	treeSize: number;
	root: string;
	publicKey: string;
	keyName: string;
	/** Every published platform key: a checkpoint signed before a rotation still verifies. */
	keys?: NoteKey[];
	number: number;
	count: number;
	proof: { seq: number; hash: string; path: string[] } | null;
	/** The note with the witnesses' cosignature lines, and the witnesses (the street) who may sign. */
	cosigned?: string;
	witnesses?: (NoteKey & { street?: string })[];
}

export type ReceiptOutcome =
	| { step: 'fetch'; code: 'notFound' | 'noCheckpoint' | 'network' }
	| { step: 'signature'; ok: false; code: string }
	| { step: 'inclusion'; ok: false; code: string; number: number; treeSize: number }
	| {
			step: 'done';
			ok: true;
			number: number;
			count: number;
			treeSize: number;
			keyHex: string;
			/** Streets whose cosignature on this checkpoint verified here; `witnessed`: any may sign. */
			cosignedBy: string[];
			witnessed: boolean;
	  };

/** The checkpoint, or why there is none: the server's error message ("not_found", "no_checkpoint"). */
async function getCheckpoint(fetchFn: Fetch, url: string): Promise<CheckpointAnswer | string> {
	const res = await fetchFn(url);
	if (res.ok) return (await res.json()) as CheckpointAnswer;
	const body = (await res.json().catch(() => null)) as { message?: string } | null;
	return body?.message ?? 'not_found';
}

/**
 * Verifies a receipt in the browser: the signed checkpoint of its tree (or the latest one), the
 * note's Ed25519 signature, then the inclusion of the receipt's hash in that checkpoint's root.
 */
export async function checkReceipt(r: HeldReceipt, fetchFn: Fetch): Promise<ReceiptOutcome> {
	const base = `/api/assemblies/${encodeURIComponent(r.assembly)}/checkpoint`;
	let cp: CheckpointAnswer | string = 'not_found';
	try {
		if (r.path && r.treeSize) cp = await getCheckpoint(fetchFn, `${base}?treeSize=${r.treeSize}`);
		// No checkpoint of exactly the receipt's tree: prove it against the latest instead.
		if (typeof cp === 'string') cp = await getCheckpoint(fetchFn, `${base}?seq=${r.seq}`);
	} catch {
		return { step: 'fetch', code: 'network' };
	}
	if (typeof cp === 'string')
		return { step: 'fetch', code: cp === 'no_checkpoint' ? 'noCheckpoint' : 'notFound' };
	const note = openCheckpointNote(
		cp.note,
		cp.keys ?? [{ name: cp.keyName, publicKey: cp.publicKey }]
	);
	if (!note.ok) return { step: 'signature', ok: false, code: note.code };
	if (!note.checkpoint.origin.endsWith(`/assemblies/${r.assembly}`))
		return { step: 'signature', ok: false, code: 'note.origin' };
	// From here on only what the signed note says counts, not the JSON around it.
	const { treeSize, root } = note.checkpoint;
	const path = r.path && r.treeSize === treeSize ? r.path : cp.proof?.path;
	const where = { number: cp.number, treeSize };
	// The ballot came after the latest checkpoint: the next one (every few minutes) will hold it.
	if (!path) return { step: 'inclusion', ok: false, code: 'notYet', ...where };
	const check = verifyReceipt({ ...r, treeSize, path }, r.hash, root, treeSize);
	if (!check.ok) return { step: 'inclusion', ok: false, code: check.code, ...where };
	// A cosignature counts only over this very note, checked here against the street's key.
	const witnesses = cp.witnesses ?? [];
	const cosigned = cp.cosigned?.startsWith(cp.note) ? cp.cosigned : null;
	const cosignedBy = cosigned
		? witnesses
				.filter((w) => verifyCosignature(cosigned, w) !== null)
				.map((w) => w.street ?? w.name)
		: [];
	return {
		step: 'done',
		ok: true,
		count: cp.count,
		keyHex: note.key.publicKey,
		cosignedBy,
		witnessed: witnesses.length > 0,
		...where
	};
}
