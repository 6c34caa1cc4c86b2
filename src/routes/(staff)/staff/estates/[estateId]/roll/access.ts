import { covers, requireRole, requireUser } from '$lib/server/auth/guard';

type Event = Parameters<typeof requireRole>[0] & { params: { estateId: string } };

/** Staff and oversight may read the roll; only staff (or an admin) may change it. */
export async function readRoll(event: Event) {
	const estate = await requireRole(event, event.params.estateId, 'staff', 'oversight');
	const canEdit = requireUser(event).grants.some(
		(g) => (g.role === 'staff' || g.role === 'admin') && covers(g, estate)
	);
	return { estate, canEdit };
}

export function editRoll(event: Event) {
	return requireRole(event, event.params.estateId, 'staff');
}
