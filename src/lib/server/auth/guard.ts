import { error, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { place } from '../db/schema';

export type Role = 'admin' | 'staff' | 'oversight' | 'owner';
export interface Grant {
	role: Role;
	placeId: string;
	placePath: string;
	placeKind: string;
	placeName: string;
}
export interface CurrentUser {
	id: string;
	login: string;
	displayName: string;
	ownerId: string | null;
	grants: Grant[];
	/** A staff, oversight or admin account whose session has not passed TOTP yet. */
	needsSecondFactor: boolean;
}
export type Place = typeof place.$inferSelect;

interface GuardEvent {
	locals: { user: CurrentUser | null; db: Db };
	url: URL;
}

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export function requireUser(event: GuardEvent): CurrentUser {
	const user = requirePartialUser(event);
	if (user.needsSecondFactor) {
		redirect(303, `/login/totp?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	}
	return user;
}

/** Signed in with the password, second factor maybe still missing: only for the TOTP pages. */
export function requirePartialUser(event: GuardEvent): CurrentUser {
	if (!event.locals.user) {
		redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	}
	return event.locals.user;
}

/** A grant covers its own place and every place below it (the path is a prefix). */
export function covers(grant: Grant, target: Pick<Place, 'path'>): boolean {
	return target.path.startsWith(grant.placePath);
}

/**
 * Guard for every load, action and endpoint touching a place: the user must hold one of `roles`
 * on the place or above it; admins hold every role. Places out of scope answer 404, so their
 * existence is not revealed.
 */
export async function requireRole(
	event: GuardEvent,
	placeId: string,
	...roles: Role[]
): Promise<Place> {
	const user = requireUser(event);
	const [target] = await event.locals.db.select().from(place).where(eq(place.id, placeId));
	const ok =
		target &&
		user.grants.some((g) => (g.role === 'admin' || roles.includes(g.role)) && covers(g, target));
	if (!ok) error(404, { message: 'not_found' });
	return target;
}

/** Guard for pages that are not about one place (an admin console, a role home). */
export function requireAnyGrant(event: GuardEvent, ...roles: Role[]): Grant[] {
	const user = requireUser(event);
	const grants = user.grants.filter((g) => roles.includes(g.role));
	if (grants.length === 0) error(403, { message: 'forbidden' });
	return grants;
}
