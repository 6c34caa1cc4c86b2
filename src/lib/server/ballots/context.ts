import { eq } from 'drizzle-orm';
import { indexItems, type ItemIndex } from '../../domain/counting/choice';
import type { Item } from '../../domain/record/types';
import type { Executor } from '../db/client';
import { assemblyVoter } from '../db/schema';
import { getAssembly, recordItems, type AssemblyRow } from '../ledger/parts';

export interface VotingContext {
	assembly: AssemblyRow;
	items: Item[];
	index: ItemIndex;
	/** Roll owner id → pseudonym and weight, frozen when voting opened. */
	voters: Map<string, { pseudonym: string; areaHundredths: bigint }>;
}

const cache = new Map<string, { at: number; ctx: VotingContext }>();
const TTL_MS = 5_000;

/**
 * What a ballot is checked against. Items and voters are frozen once voting opens, so an open
 * assembly's context is cached briefly; the state itself is re-checked inside the append.
 */
export async function votingContext(
	db: Executor,
	assemblyId: string,
	now = Date.now()
): Promise<VotingContext | null> {
	const hit = cache.get(assemblyId);
	if (hit && now - hit.at < TTL_MS) return hit.ctx;
	const assembly = await getAssembly(db, assemblyId);
	if (!assembly) return null;
	const items = await recordItems(db, assemblyId);
	const rows = await db
		.select()
		.from(assemblyVoter)
		.where(eq(assemblyVoter.assemblyId, assemblyId));
	const ctx: VotingContext = {
		assembly,
		items,
		index: indexItems(items),
		voters: new Map(
			rows.map((r) => [r.ownerId, { pseudonym: r.pseudonym, areaHundredths: r.areaHundredths }])
		)
	};
	if (assembly.state === 'open') cache.set(assemblyId, { at: now, ctx });
	return ctx;
}

export function forgetVotingContext(assemblyId: string): void {
	cache.delete(assemblyId);
}
