import { and, eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { naturalCompare } from '../../src/lib/domain/units/natural';
import { unitChoices, unitOwnerNames } from '../../src/lib/server/assemblies/queries';
import { estateTodo } from '../../src/lib/server/assemblies/todo';
import { turnoutReport } from '../../src/lib/server/assemblies/turnout';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import {
	account,
	assembly,
	building,
	owner,
	registrationRequest,
	unit,
	unitCoOwner
} from '../../src/lib/server/db/schema';
import { newId } from '../../src/lib/server/ids';
import { openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import { describeEngines } from './engines';
import { announcedAssembly } from './ledger-fixture';

const choices = { r1: 'for', r2: 'against', e1: ['c1'] };

describeEngines('staff journeys', (db) => {
	it('lists the units for the candidate picker in natural order, with their owners', async () => {
		await seedDemoIfEmpty(db());
		const [b1] = await db()
			.select({ id: building.id, name: building.name })
			.from(building)
			.where(eq(building.estateId, 'e-jinse'))
			.orderBy(building.name)
			.limit(1);
		const [o] = await db()
			.select({ id: owner.id, name: owner.name })
			.from(owner)
			.where(eq(owner.estateId, 'e-jinse'))
			.limit(1);
		// A flat "99999" (string order would put it before "101"; natural order puts it last), with a co-owner.
		const tall = newId('unit');
		await db().insert(unit).values({
			id: tall,
			estateId: 'e-jinse',
			buildingId: b1.id,
			label: '99999',
			kind: 'residence',
			areaHundredths: 9000n,
			areaSource: 'register',
			ownerId: o.id
		});
		const [co] = await db()
			.select({ id: owner.id, name: owner.name })
			.from(owner)
			.where(and(eq(owner.estateId, 'e-jinse'), sql`${owner.id} <> ${o.id}`))
			.limit(1);
		await db().insert(unitCoOwner).values({ unitId: tall, ownerId: co.id });

		const choicesList = await unitChoices(db(), 'e-jinse');
		const labels = choicesList.map((u) => u.label);
		expect(labels).toEqual([...labels].sort(naturalCompare));
		const inB1 = labels.filter((l) => l.startsWith(`${b1.name} `));
		expect(inB1.indexOf(`${b1.name} 99999`)).toBe(inB1.length - 1);
		const t = choicesList.find((u) => u.id === tall)!;
		expect(t.owners).toEqual([o.name, co.name]);
		expect(await unitOwnerNames(db(), tall)).toEqual([o.name, co.name]);
		expect(await unitOwnerNames(db(), 'no-such-unit')).toBeNull();
	});

	it('reports turnout by building and who has not voted, without choices', async () => {
		const a = await announcedAssembly(db(), { id: 'asm-turnout' });
		expect(await turnoutReport(db(), a.id)).toBeNull();
		forgetVotingContext(a.id);
		expect((await openAssembly(db(), a.id, a.staffId)).ok).toBe(true);

		const before = (await turnoutReport(db(), a.id))!;
		expect(before.total.ownersVoted).toBe(0);
		expect(before.notVoted.length).toBe(before.total.owners);
		const order = before.notVoted.map((o) => o.units[0] ?? '');
		expect(order).toEqual(
			[...order].sort((x, y) => {
				const [bx, ux] = x.split(' ');
				const [by, uy] = y.split(' ');
				return naturalCompare(bx, by) || naturalCompare(ux, uy);
			})
		);
		expect(before.byBuilding.map((b) => b.building)).toEqual(
			[...before.byBuilding.map((b) => b.building)].sort(naturalCompare)
		);

		// Two owners vote, one of them twice (a revote is still one owner who took part).
		const [first, second] = before.notVoted;
		const ownerIdOf = async (name: string, label: string) => {
			const [bName, uLabel] = label.split(' ');
			const [r] = await db()
				.select({ id: owner.id })
				.from(unit)
				.innerJoin(owner, eq(owner.id, unit.ownerId))
				.innerJoin(building, eq(building.id, unit.buildingId))
				.where(and(eq(building.name, bName), eq(unit.label, uLabel), eq(owner.name, name)));
			return r.id;
		};
		const ids = [
			await ownerIdOf(first.name, first.units[0]),
			await ownerIdOf(second.name, second.units[0])
		];
		for (const ownerId of [ids[0], ids[1], ids[0]])
			expect(
				(await castBallot(db(), { assemblyId: a.id, ownerId, accountId: 'x', choices })).ok
			).toBe(true);

		const after = (await turnoutReport(db(), a.id))!;
		expect(after.total).toEqual({ owners: before.total.owners, ownersVoted: 2 });
		expect(after.notVoted.length).toBe(before.notVoted.length - 2);
		expect(after.notVoted.map((o) => o.name)).not.toContain(first.name);
		expect(after.byBuilding.reduce((s, b) => s + b.unitsVoted, 0)).toBeGreaterThanOrEqual(2);
		const b = after.byBuilding.find((x) => x.building === first.building)!;
		const b0 = before.byBuilding.find((x) => x.building === first.building)!;
		expect(b.ownersVoted).toBeGreaterThanOrEqual(1);
		expect(b.owners).toBe(b0.owners);
		expect(b.units).toBe(b0.units);
		// Nothing about how anyone voted is in the report.
		const text = JSON.stringify(after);
		for (const word of ['for', 'against', 'abstain', 'c1', 'choices'])
			expect(text).not.toContain(`"${word}"`);
	});

	it('lists what waits for staff: registrations and each assembly with its next step', async () => {
		const a = await announcedAssembly(db(), { id: 'asm-todo' });
		const empty = await estateTodo(db(), 'e-jinse');
		expect(empty.registrations).toBe(0);
		expect(empty.rollObjections).toBe(0);
		expect(empty.resultObjections).toEqual([]);
		expect(empty.assemblies.map((x) => [x.id, x.next])).toEqual([['asm-todo', 'open']]);

		const [acc] = await db().select({ id: account.id }).from(account).limit(1);
		await db()
			.insert(registrationRequest)
			.values(
				['pending', 'pending', 'approved'].map((state, i) => ({
					id: `rr-${i}`,
					estateId: 'e-jinse',
					accountId: acc.id,
					kind: 'self' as const,
					claimedName: '张三',
					claimedIdLast4: '1234',
					state: state as 'pending' | 'approved'
				}))
			);
		forgetVotingContext(a.id);
		expect((await openAssembly(db(), a.id, a.staffId)).ok).toBe(true);
		await db()
			.insert(assembly)
			.values({
				id: 'asm-cancelled',
				estateId: 'e-jinse',
				title: '已取消',
				form: 'written',
				state: 'cancelled',
				opensAt: new Date(),
				closesAt: new Date(Date.now() + 86_400_000),
				revote: 'last',
				blank: 'abstain',
				createdBy: a.staffId
			});
		const todo = await estateTodo(db(), 'e-jinse');
		expect(todo.registrations).toBe(2);
		expect(todo.assemblies.map((x) => [x.id, x.next])).toEqual([['asm-todo', 'voting']]);
		const later = await estateTodo(db(), 'e-jinse', new Date(a.closesAt.getTime() + 60_000));
		expect(later.assemblies.map((x) => x.next)).toEqual(['close']);
	});
});
