import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { appendAudit } from '../../src/lib/server/audit';
import { describeEngines, queryRows } from '../int/engines';

describeEngines('#5 TRUNCATE cannot empty the ledger or the audit trail', (db) => {
	it.each(['audit_log', 'ledger_entry', 'checkpoint'])('TRUNCATE %s is refused', async (table) => {
		await db().transaction((tx) =>
			appendAudit(tx, { scope: 'platform', actorId: null, action: 't', subject: 's' })
		);
		await expect(db().execute(sql.raw(`truncate ${table} cascade`))).rejects.toThrow();
		const [{ n }] = await queryRows<{ n: number }>(
			db(),
			sql`select count(*)::int as n from audit_log`
		);
		expect(n).toBe(1);
	});
});
