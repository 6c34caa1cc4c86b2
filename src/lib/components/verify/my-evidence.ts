import { hashEntry, hashRoll } from '$lib/domain/ledger/entries';
import { opensCommitment } from '$lib/domain/record/openings';
import type { Item, Roll } from '$lib/domain/record/types';
import { checkReceipt, type ReceiptOutcome } from '$lib/verify/receipt';

/** What /api/assemblies/[id]/mine answers (owner only). */
export interface OwnerEvidence {
	assembly: { id: string; title: string; state: string };
	pseudonym: string;
	roll: string;
	/** The open entry's bytes as hashed (without its hash) and the hash the ledger holds for it. */
	open: string | null;
	openHash: string | null;
	ballots: { seq: number; body: string; hash: string }[];
	openings: { id: string; label: string; salt: string }[];
	items: Item[];
}

export interface UnitCheck {
	label: string;
	area: string | null;
	/** In the frozen roll under this owner's id, and the commitment opens to the label. */
	ok: boolean;
}

export interface BallotCheck {
	seq: number;
	choices: Record<string, unknown>;
	/** The entry's hash recomputed here from the entry itself. */
	hash: string;
	hashOk: boolean;
	/** The entry's inclusion in a signed checkpoint, checked here. */
	inclusion: ReceiptOutcome;
}

export interface EvidenceCheck {
	/** The roll the units are checked against is the one the ledger's open entry froze. */
	rollFrozen: boolean;
	units: UnitCheck[];
	ballots: BallotCheck[];
}

type Fetch = (url: string) => Promise<Response>;

/**
 * "My unit is in the frozen roll with my area, and this is my ballot", checked in the owner's own
 * browser: the open entry's hash and its roll hash, each unit's commitment and owner, each ballot's
 * hash from its own bytes, and its inclusion proof against a signed checkpoint.
 */
export async function checkOwnerEvidence(
	ev: OwnerEvidence,
	fetchFn: Fetch
): Promise<EvidenceCheck> {
	const roll = JSON.parse(ev.roll) as Roll;
	const open = ev.open
		? { ...(JSON.parse(ev.open) as { rollHash: string }), hash: ev.openHash ?? '' }
		: null;
	let rollFrozen = !!open && hashEntry(open) === open.hash && open.rollHash === hashRoll(roll);
	if (open && rollFrozen) {
		const proof = await checkReceipt(
			{ assembly: ev.assembly.id, seq: 0, hash: open.hash },
			fetchFn
		);
		rollFrozen = proof.step === 'done';
	}
	const units = ev.openings.map((o) => {
		const u = roll.units.find((x) => x.id === o.id);
		return {
			label: o.label,
			area: u?.area ?? null,
			ok: !!u && u.owner === ev.pseudonym && opensCommitment(u.label, o)
		};
	});
	const ballots: BallotCheck[] = [];
	for (const b of ev.ballots) {
		const entry = {
			...(JSON.parse(b.body) as { owner: string; choices: Record<string, unknown> }),
			hash: b.hash
		};
		const hash = hashEntry(entry);
		const hashOk = hash === entry.hash && entry.owner === ev.pseudonym;
		const inclusion = await checkReceipt({ assembly: ev.assembly.id, seq: b.seq, hash }, fetchFn);
		ballots.push({ seq: b.seq, choices: entry.choices, hash, hashOk, inclusion });
	}
	return { rollFrozen, units, ballots };
}

/** A choice in words: for/against/abstain/spoiled, or the names of the chosen candidates. */
export function choiceText(
	item: Item | undefined,
	choice: unknown,
	t: (key: string) => string
): string {
	if (choice === 'spoiled') return t('evidence:mine.spoiled');
	if (item?.type === 'election' && Array.isArray(choice)) {
		if (!choice.length) return t('evidence:mine.abstain');
		return choice.map((id) => item.candidates.find((c) => c.id === id)?.name ?? id).join('、');
	}
	if (typeof choice === 'string' && ['for', 'against', 'abstain'].includes(choice))
		return t(`evidence:mine.${choice}`);
	return String(choice);
}
