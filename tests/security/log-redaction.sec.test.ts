import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { redactError } from '../../src/lib/server/log';

describe('#8 a database error is logged without its parameters', () => {
	const client = new PGlite();
	const db = drizzle(client);
	afterAll(() => client.close());

	it('a failed insert with ballot choices and an ID number leaves neither in the log line', async () => {
		await db.execute(sql`create table t (id int primary key, account text, choices text)`);
		await db.execute(sql`insert into t values (1, ${'acc_x'}, ${'{"i1":"yes"}'})`);
		const secret = {
			account: 'acc_zhangsan',
			choices: '{"item-1":"against"}',
			id: '350581199001011234'
		};
		let caught: unknown;
		try {
			await db.execute(
				sql`insert into t values (1, ${secret.account}, ${secret.choices + secret.id})`
			);
		} catch (e) {
			caught = e;
		}
		expect(caught).toBeTruthy();
		// The raw error does carry them: that is what used to be logged.
		expect(String((caught as Error).message)).toContain(secret.account);
		const line = redactError(caught);
		expect(line).toContain('23505');
		for (const v of Object.values(secret)) expect(line).not.toContain(v);
		expect(line).not.toContain('against');
		expect(line).not.toMatch(/\d{6,}/);
	});
});
