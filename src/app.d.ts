import type { Db } from '$lib/server/db/client';
import type { CurrentUser } from '$lib/server/auth/guard';
import type { Locale } from '$lib/i18n';

declare global {
	namespace App {
		interface Error {
			message: string;
			errorId?: string;
		}
		interface Locals {
			db: Db;
			user: CurrentUser | null;
			sessionId: string | null;
			locale: Locale;
		}
	}
}

export {};
