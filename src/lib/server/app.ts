import { openConfiguredDatabase, type Database } from './db/client';
import { seedDemoIfEmpty, type DemoAccount } from './demo';

const KEY = Symbol.for('gongyi.app');
type Global = typeof globalThis & { [KEY]?: Promise<Database> };

/**
 * The process-wide database, opened once (PGlite allows only one instance per directory).
 * Migrations run before anything else; the demo start (GONGYI_DEMO=1) seeds an empty database.
 */
export function getDatabase(): Promise<Database> {
	const g = globalThis as Global;
	g[KEY] ??= (async () => {
		const database = await openConfiguredDatabase();
		if (process.env.GONGYI_DEMO === '1') {
			const seeded = await seedDemoIfEmpty(database.db, { assemblies: true });
			if (seeded) printDemoAccounts(seeded);
		}
		return database;
	})();
	return g[KEY];
}

function printDemoAccounts(accounts: DemoAccount[]) {
	console.log('Demo accounts (login / password / role / TOTP secret for the second factor):');
	for (const a of accounts)
		console.log(
			`  ${a.login.padEnd(16)} ${a.password.padEnd(14)} ${a.role.padEnd(22)} ${a.totpSecret ?? ''}`.trimEnd()
		);
}
