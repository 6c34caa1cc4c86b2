import type { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { platformKey as platformKeyTable } from '../lib/server/db/schema';
import { platformKey } from '../lib/server/ledger/keys';
import { CliError, tsv, withDatabase } from './common';

/** Operator commands about the signed evidence: the platform key. */
export function registerEvidenceCommands(program: Command): void {
	program
		.command('rotate-key')
		.description(
			'replace the generated platform signing key; old public keys stay published and old evidence keeps verifying'
		)
		.action(() =>
			withDatabase(async ({ db }) => {
				if (process.env.GONGYI_SIGNING_KEY)
					throw new CliError(
						'GONGYI_SIGNING_KEY is set: rotate by setting it to a new key and restarting.'
					);
				const old = await platformKey(db);
				await db
					.update(platformKeyTable)
					.set({ value: randomBytes(32).toString('hex') })
					.where(eq(platformKeyTable.name, 'platform-ed25519'));
				const next = await platformKey(db);
				console.log(tsv(['retired', old.name, old.publicKey]));
				console.log(tsv(['current', next.name, next.publicKey]));
			})
		);
}
