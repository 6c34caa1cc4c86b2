import type { CurrentUser } from './guard';

/** Where each role lands after login; the most powerful role wins. */
export function homePath(user: CurrentUser): string {
	const roles = new Set(user.grants.map((g) => g.role));
	if (roles.has('admin')) return '/admin';
	if (roles.has('oversight')) return '/oversight';
	if (roles.has('staff')) return '/staff';
	if (roles.has('owner')) return '/owner';
	// Accounts without a grant registered and wait for (or were refused) staff review.
	return '/register/status';
}

export { safeNext } from './redirect';
