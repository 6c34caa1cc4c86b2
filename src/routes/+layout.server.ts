import { messagesOf } from '$lib/i18n';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	messages: messagesOf(locals.locale),
	user: locals.user && {
		displayName: locals.user.displayName,
		roles: [...new Set(locals.user.grants.map((g) => g.role))]
	}
});
