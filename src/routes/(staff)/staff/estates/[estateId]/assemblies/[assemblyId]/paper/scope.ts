import { error, type RequestEvent } from '@sveltejs/kit';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { getAssembly } from '$lib/server/ledger/parts';

/** Staff of the estate, and the assembly must belong to the estate in the URL. */
export async function paperScope(event: RequestEvent<{ estateId: string; assemblyId: string }>) {
	const estate = await requireRole(event, event.params.estateId, 'staff');
	const a = await getAssembly(event.locals.db, event.params.assemblyId);
	if (!a || a.estateId !== estate.id) error(404, { message: 'not_found' });
	return { db: event.locals.db, estate, assembly: a, actorId: requireUser(event).id };
}
