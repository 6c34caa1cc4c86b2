import { sql } from 'drizzle-orm';
import { expect, it, vi } from 'vitest';
import { DEMO_PUBLISHED_ID } from '../../src/lib/server/demo-assemblies';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import type { Db } from '../../src/lib/server/db/client';
import {
	clearHeavyCache,
	heavyStats,
	MAX_ANONYMOUS,
	RETRY_AFTER_S
} from '../../src/lib/server/ledger/heavy';
import { ledgerView, publicAssembly } from '../../src/lib/server/live/ledger-view';
import { verifyRecord } from '../../src/lib/domain/record/verify';
import { GET } from '../../src/routes/api/assemblies/[assemblyId]/record/+server';
import { GET as health } from '../../src/routes/health/+server';
import { load as ledgerPage } from '../../src/routes/assemblies/[assemblyId]/ledger/+page.server';
import { describeEngines, queryRows } from '../int/engines';

describeEngines('#9 anonymous heavy requests', (db) => {
	const get = (headers: Record<string, string> = {}) => {
		const url = new URL(`http://localhost/api/assemblies/${DEMO_PUBLISHED_ID}/record`);
		const event = {
			request: new Request(url, { headers }),
			url,
			params: { assemblyId: DEMO_PUBLISHED_ID },
			locals: { db: db() as Db, locale: 'en', user: null }
		};
		return GET(event as unknown as Parameters<typeof GET>[0]);
	};

	it('the record and the ledger view are built once per head; 304 on the ETag; past 4 at once 429; nothing personal in them or the logs', async () => {
		const logged: string[] = [];
		const spies = (['log', 'warn', 'error', 'info'] as const).map((m) =>
			vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
				logged.push(args.map(String).join(' '));
			})
		);
		await seedDemoIfEmpty(db(), { assemblies: true });
		clearHeavyCache();
		const before = heavyStats();
		// Ten concurrent anonymous downloads, each read to the end before the next batch.
		const bodies: string[] = [];
		for (let round = 0; round < 3; round++) {
			const rs = await Promise.all(Array.from({ length: MAX_ANONYMOUS }, () => get()));
			for (const r of rs) {
				expect(r.status).toBe(200);
				bodies.push(await r.text());
			}
		}
		const after = heavyStats();
		expect(after.builds - before.builds).toBe(1);
		expect(after.hits - before.hits).toBe(3 * MAX_ANONYMOUS - 1);
		expect(new Set(bodies).size).toBe(1);
		expect(verifyRecord(JSON.parse(bodies[0])).ok).toBe(true);

		const first = await get();
		const etag = first.headers.get('etag')!;
		expect(etag).toMatch(/^"[\w-]{27}"$/);
		await first.body!.cancel();
		const again = await get({ 'if-none-match': etag });
		expect(again.status).toBe(304);
		expect(again.body).toBeNull();

		// Four downloads being read hold their slots; the fifth is asked to come back.
		const held = await Promise.all(Array.from({ length: MAX_ANONYMOUS }, () => get()));
		const refused = await get();
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBe(String(RETRY_AFTER_S));
		expect(await refused.text()).toBe(
			'The server is busy with other downloads. Please try again in a few seconds.'
		);
		// Health answers meanwhile (it holds no slot).
		const h = await health({ locals: { db: db() } } as unknown as Parameters<typeof health>[0]);
		expect(h.status).toBe(200);
		for (const r of held) await r.body!.cancel();
		const freed = await get();
		expect(freed.status).toBe(200);
		await freed.body!.cancel();

		// The public ledger view computes its Merkle root and proofs once per head.
		clearHeavyCache();
		const a = (await publicAssembly(db(), DEMO_PUBLISHED_ID))!;
		const viewsBefore = heavyStats();
		const v1 = await ledgerView(db(), a);
		const views = [];
		for (let i = 0; i < 5; i++) views.push(await ledgerView(db(), a));
		const viewsAfter = heavyStats();
		expect(viewsAfter.builds - viewsBefore.builds).toBe(1);
		expect(viewsAfter.hits - viewsBefore.hits).toBe(5);
		for (const v of views) expect(v).toEqual(v1);

		// Privacy scan: the public record, the public ledger page's data and every log line of
		// this run hold no owner's name, phone, ID key, owner id or account id.
		const page = await ledgerPage({
			locals: { db: db(), user: null, locale: 'zh' },
			params: { assemblyId: DEMO_PUBLISHED_ID }
		} as unknown as Parameters<typeof ledgerPage>[0]);
		for (const spy of spies) spy.mockRestore();
		const owners = await queryRows<{
			id: string;
			name: string;
			phone: string | null;
			idKey: string | null;
		}>(db(), sql`select id, name, phone, id_key as "idKey" from owner where estate_id = 'e-jinse'`);
		const accounts = await queryRows<{ id: string }>(
			db(),
			sql`select id from account where owner_id is not null`
		);
		expect(owners.length).toBeGreaterThan(100);
		const record = JSON.parse(bodies[0]) as { items: unknown; estate: unknown; assembly: unknown };
		// Public by design: the estate, the assembly and the items with the candidates' names.
		const published = JSON.stringify([record.items, record.estate, record.assembly]);
		const secrets = [
			...owners.flatMap((o) => [o.id, o.phone, o.idKey]),
			...owners.map((o) => o.name).filter((n) => n.length >= 2 && !published.includes(n)),
			...accounts.map((a) => a.id)
		].filter((x): x is string => !!x);
		expect(secrets.length).toBeGreaterThan(2 * owners.length);
		const texts = { record: bodies[0], page: JSON.stringify(page), logs: logged.join('\n') };
		for (const [where, text] of Object.entries(texts))
			expect([where, secrets.filter((x) => text.includes(x))]).toEqual([where, []]);
	});
});
