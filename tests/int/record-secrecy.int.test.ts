import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { opensCommitment } from '../../src/lib/domain/record/openings';
import { verifyRecord } from '../../src/lib/domain/record/verify';
import { account, building, owner, unit } from '../../src/lib/server/db/schema';
import { DEMO_OPEN_ID, DEMO_PUBLISHED_ID } from '../../src/lib/server/demo-assemblies';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import { ownerEvidence } from '../../src/lib/server/ledger/mine';
import { exportRecord } from '../../src/lib/server/ledger/record';
import { describeEngines, queryRows } from './engines';

describeEngines('ballot secrecy in the public record', (db) => {
	it('the public record names no flat, owner or account; the full one opens every label', async () => {
		await seedDemoIfEmpty(db(), { assemblies: true });
		const pub = await exportRecord(db(), DEMO_PUBLISHED_ID);
		const text = JSON.stringify(pub);
		expect(verifyRecord(JSON.parse(text)).errors).toEqual([]);

		const units = await db()
			.select({ id: unit.id, label: unit.label, building: building.name, ownerId: unit.ownerId })
			.from(unit)
			.innerJoin(building, eq(building.id, unit.buildingId))
			.where(eq(unit.estateId, 'e-jinse'));
		const owners = await db().select({ id: owner.id, name: owner.name }).from(owner);
		const accounts = await db().select({ id: account.id, login: account.login }).from(account);
		expect(units.length).toBeGreaterThan(100);
		// Committee candidates stand in public under their names; nobody else's name may appear.
		const candidates = new Set(
			pub!.items.flatMap((i) => (i.type === 'election' ? i.candidates.map((c) => c.name) : []))
		);
		expect(candidates.size).toBeGreaterThan(0);
		const leaks = [
			...units.flatMap((u) => [`${u.building} ${u.label}`, `"${u.id}"`]),
			...owners.flatMap((o) => [...(candidates.has(o.name) ? [] : [o.name]), `"${o.id}"`]),
			...accounts.flatMap((a) => [`"${a.id}"`, `"${a.login}"`])
		].filter((s) => text.includes(s));
		expect(leaks).toEqual([]);
		// Labels are commitments: 64 hex characters, never a readable label.
		expect(pub!.roll.units.every((u) => /^[0-9a-f]{64}$/.test(u.label))).toBe(true);
		expect(pub!.roll.openings).toBeUndefined();

		const full = await exportRecord(db(), DEMO_PUBLISHED_ID, { full: true });
		expect(verifyRecord(JSON.parse(JSON.stringify(full))).errors).toEqual([]);
		const openings = full!.roll.openings!;
		expect(Object.keys(openings)).toHaveLength(full!.roll.units.length);
		for (const u of full!.roll.units) expect(opensCommitment(u.label, openings[u.id])).toBe(true);
		expect(new Set(Object.values(openings).map((o) => o.label))).toEqual(
			new Set(units.map((u) => `${u.building} ${u.label}`))
		);

		// A forged opening makes the full record fail.
		const forged = JSON.parse(JSON.stringify(full));
		const first = full!.roll.units[0].id;
		forged.roll.openings[first].label = '9栋 999';
		expect(verifyRecord(forged).errors.map((e) => e.code)).toEqual(['roll.hash']);
	});

	it('owner and unit ids are random per assembly: two records share none', async () => {
		await seedDemoIfEmpty(db(), { assemblies: true });
		const [a, b] = await Promise.all([
			exportRecord(db(), DEMO_PUBLISHED_ID),
			exportRecord(db(), DEMO_OPEN_ID)
		]);
		const ids = (r: typeof a) => [
			...r!.roll.owners.map((o) => o.id),
			...r!.roll.units.flatMap((u) => [u.id, u.label])
		];
		const inA = new Set(ids(a));
		expect(ids(b).filter((x) => inA.has(x))).toEqual([]);
	});

	it('an owner gets the openings of their own units only, and their own entries', async () => {
		await seedDemoIfEmpty(db(), { assemblies: true });
		const [{ ownerId }] = await queryRows<{ ownerId: string }>(
			db(),
			sql`select owner_id as "ownerId" from account where login = 'owner1'`
		);
		const ev = (await ownerEvidence(db(), DEMO_PUBLISHED_ID, ownerId))!;
		const roll = JSON.parse(ev.roll) as { units: { id: string; label: string; owner: string }[] };
		const own = roll.units.filter((u) => u.owner === ev.pseudonym);
		expect(own.length).toBeGreaterThan(0);
		expect(ev.openings.map((o) => o.id).sort()).toEqual(own.map((u) => u.id).sort());
		for (const o of ev.openings)
			expect(opensCommitment(own.find((u) => u.id === o.id)!.label, o)).toBe(true);
		expect(ev.ballots.every((b) => JSON.parse(b.body).owner === ev.pseudonym)).toBe(true);
		expect(await ownerEvidence(db(), DEMO_PUBLISHED_ID, 'nobody')).toBeNull();
	});
});
