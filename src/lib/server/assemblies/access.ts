import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { assembly, estateSetting, place, roleGrant } from '../db/schema';
import type { Role } from '../auth/guard';

export type Assembly = typeof assembly.$inferSelect;
export type AssemblyState = Assembly['state'];

/** States in which items, candidates, documents, window and rules may still change. */
export const EDITABLE: readonly AssemblyState[] = ['draft', 'returned'];
/** States from which an assembly may be cancelled (民法典 leaves a closed vote to be counted). */
export const CANCELLABLE: readonly AssemblyState[] = [
	'draft',
	'filed',
	'returned',
	'announced',
	'open'
];

/**
 * Authorization at the data: does the account hold one of `roles` on the estate or a place above
 * it (admins hold every role)? The route guard checks the same; this keeps a use case safe when
 * called with an assembly id of another estate.
 */
export async function actorHolds(
	tx: Executor,
	actorId: string,
	estateId: string,
	roles: Role[]
): Promise<boolean> {
	const [estate] = await tx.select({ path: place.path }).from(place).where(eq(place.id, estateId));
	if (!estate) return false;
	const grants = await tx
		.select({ role: roleGrant.role, path: place.path })
		.from(roleGrant)
		.innerJoin(place, eq(place.id, roleGrant.placeId))
		.where(eq(roleGrant.accountId, actorId));
	return grants.some(
		(g) => (g.role === 'admin' || roles.includes(g.role)) && estate.path.startsWith(g.path)
	);
}

export type Locked =
	'assembly.notFound' | 'assembly.underReview' | 'assembly.locked' | 'assembly.cancelled';

/** Why an assembly in this state cannot be edited, or null when it can. */
export function editBlocker(state: AssemblyState): Locked | null {
	if (EDITABLE.includes(state)) return null;
	if (state === 'filed') return 'assembly.underReview';
	if (state === 'cancelled') return 'assembly.cancelled';
	return 'assembly.locked';
}

/** The assembly row locked for this transaction, if the actor holds a role on its estate. */
export async function lockAssembly(
	tx: Executor,
	assemblyId: string,
	actorId: string,
	roles: Role[]
): Promise<Assembly | null> {
	const [row] = await tx.select().from(assembly).where(eq(assembly.id, assemblyId)).for('update');
	if (!row || !(await actorHolds(tx, actorId, row.estateId, roles))) return null;
	return row;
}

export type Editable = { ok: true; assembly: Assembly } | { ok: false; code: Locked };

/** Staff may change an assembly only while it is a draft or was returned by oversight. */
export async function lockForEdit(
	tx: Executor,
	assemblyId: string,
	actorId: string
): Promise<Editable> {
	const row = await lockAssembly(tx, assemblyId, actorId, ['staff']);
	if (!row) return { ok: false, code: 'assembly.notFound' };
	const blocker = editBlocker(row.state);
	return blocker ? { ok: false, code: blocker } : { ok: true, assembly: row };
}

/** Rule set, notice period and vote window bounds of an estate (defaults when no row exists). */
export async function estateRules(tx: Executor, estateId: string) {
	const [s] = await tx
		.select()
		.from(estateSetting)
		.where(and(eq(estateSetting.estateId, estateId)));
	return {
		ruleSet: s?.ruleSet ?? 'national',
		noticeDays: s?.noticeDays ?? 15,
		bounds: { minDays: s?.voteMinDays ?? 5, maxDays: s?.voteMaxDays ?? 60 }
	};
}
