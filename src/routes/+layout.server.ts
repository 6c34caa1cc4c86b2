import { messagesOf } from '$lib/i18n';
import type { LayoutServerLoad } from './$types';

/**
 * Namespaces only the staff, oversight and admin consoles and the projector screen use: owners'
 * and visitors' pages do not ship them (the owner pages' JavaScript budget counts the inline data).
 * A navigation into a console reloads this layout with every namespace.
 */
const CONSOLE_ONLY = [
	'audit',
	'console',
	'meeting',
	'paper',
	'roll',
	'staffflow',
	'street',
	'streetkey'
];
/**
 * Owners' pages additionally skip the registration forms' and the account settings' strings
 * (owners are registered; password and passkey pages are outside the owner area). Only the owner
 * home links to the passkeys page.
 */
const OWNER_SKIP = [...CONSOLE_ONLY, 'registration', 'security'];
const OWNER_PAGE_SKIP = [...OWNER_SKIP, 'passkey'];
/**
 * An assembly's owner pages need neither the roll publication's nor the evidence checks' strings;
 * only the receipt page checks a receipt (the verify strings).
 */
const OWNER_RECEIPT_SKIP = [...OWNER_PAGE_SKIP, 'publication', 'evidence'];
const OWNER_ASSEMBLY_SKIP = [...OWNER_RECEIPT_SKIP, 'verify'];
const isConsole = (id: string) =>
	/^\/\((staff|oversight|admin)\)/.test(id) || id.startsWith('/screen');

function skipped(id: string): string[] {
	if (isConsole(id)) return [];
	if (id.startsWith('/(owner)/owner/assemblies'))
		return id.includes('/vote/receipt/') ? OWNER_RECEIPT_SKIP : OWNER_ASSEMBLY_SKIP;
	if (id === '/(owner)/owner') return OWNER_SKIP;
	return id.startsWith('/(owner)') ? OWNER_PAGE_SKIP : CONSOLE_ONLY;
}

export const load: LayoutServerLoad = ({ locals, route }) => ({
	locale: locals.locale,
	messages: messagesOf(locals.locale, skipped(route.id ?? '')),
	user: locals.user && {
		displayName: locals.user.displayName,
		roles: [...new Set(locals.user.grants.map((g) => g.role))]
	}
});
