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
/** Owners' pages additionally skip the registration forms' strings (owners are registered). */
const OWNER_SKIP = [...CONSOLE_ONLY, 'registration'];
/** An assembly's owner pages need neither the roll publication's nor the evidence checks' strings. */
const OWNER_ASSEMBLY_SKIP = [...OWNER_SKIP, 'publication', 'evidence'];
const isConsole = (id: string) =>
	/^\/\((staff|oversight|admin)\)/.test(id) || id.startsWith('/screen');

function skipped(id: string): string[] {
	if (isConsole(id)) return [];
	if (id.startsWith('/(owner)/owner/assemblies')) return OWNER_ASSEMBLY_SKIP;
	return id.startsWith('/(owner)') ? OWNER_SKIP : CONSOLE_ONLY;
}

export const load: LayoutServerLoad = ({ locals, route }) => ({
	locale: locals.locale,
	messages: messagesOf(locals.locale, skipped(route.id ?? '')),
	user: locals.user && {
		displayName: locals.user.displayName,
		roles: [...new Set(locals.user.grants.map((g) => g.role))]
	}
});
