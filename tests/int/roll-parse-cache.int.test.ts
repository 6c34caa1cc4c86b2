import { eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/lib/server/audit';
import { auditLog } from '../../src/lib/server/db/schema';
import {
	commitImport,
	currentSnapshot,
	previewImport,
	rollTotals,
	setCountedKinds
} from '../../src/lib/server/roll';
import { clearParseCache, parseCacheStats } from '../../src/lib/server/roll/parse-cache';
import { rollReadStats } from '../../src/lib/server/roll/read-off-thread';
import { describeEngines } from './engines';
import { csv, makeEstate, V1 } from './roll-helpers';

/** How many times a roll file was read (in place or in a worker) while `run` ran. */
async function readsDuring<T>(run: () => Promise<T>): Promise<{ reads: number; result: T }> {
	const reads = () => rollReadStats().inThread + rollReadStats().worker;
	const before = reads();
	const result = await run();
	return { reads: reads() - before, result };
}

const V2 = [...V1.slice(0, 4), '1栋,203,住宅,95,登记簿,钱七,110101196001010022,,,,'];

describeEngines('roll import reuses the preview parse', (db) => {
	beforeEach(() => clearParseCache());

	it('a commit of the previewed bytes for the same estate does not read the file again', async () => {
		const { estateId, staffId } = await makeEstate(db());
		const bytes = csv(...V1);
		const p = await previewImport(db(), estateId, bytes, 'roll.csv');
		expect(p.ok).toBe(true);
		const hits = parseCacheStats().hits;
		const { reads, result } = await readsDuring(() =>
			commitImport(db(), staffId, estateId, bytes, 'roll.csv')
		);
		expect(reads).toBe(0);
		expect(parseCacheStats().hits).toBe(hits + 1);
		expect(result.ok).toBe(true);
		expect(await rollTotals(db(), estateId)).toMatchObject({ units: 6, heads: 4 });
		const audit = await db().select().from(auditLog).where(eq(auditLog.scope, estateId));
		expect(audit.map((a) => a.action)).toEqual(['roll.import']);
		expect(await verifyAuditChain(db(), estateId)).toEqual({ ok: true, length: 1 });

		// The kept parse was taken: committing the same bytes again reads them again.
		const again = await readsDuring(() => commitImport(db(), staffId, estateId, bytes, 'roll.csv'));
		expect(again.reads).toBe(1);
		expect(again.result.ok).toBe(true);
	});

	it('a changed file is read again and its own rows are imported', async () => {
		const { estateId, staffId } = await makeEstate(db());
		expect((await previewImport(db(), estateId, csv(...V1), 'roll.csv')).ok).toBe(true);
		const { reads, result } = await readsDuring(() =>
			commitImport(db(), staffId, estateId, csv(...V2), 'roll.csv')
		);
		expect(reads).toBe(1);
		expect(result.ok).toBe(true);
		const units = (await currentSnapshot(db(), estateId)).units.map((u) => u.unit).sort();
		expect(units).toEqual(['101', '102', '201', '203']);
	});

	it('the same bytes for another estate, or under another name, are read again', async () => {
		const a = await makeEstate(db());
		const b = await makeEstate(db(), '另一小区');
		const bytes = csv(...V1);
		expect((await previewImport(db(), a.estateId, bytes, 'roll.csv')).ok).toBe(true);
		const other = await readsDuring(() =>
			commitImport(db(), b.staffId, b.estateId, bytes, 'roll.csv')
		);
		expect(other.reads).toBe(1);
		expect(other.result.ok).toBe(true);
		const renamed = await readsDuring(() =>
			commitImport(db(), a.staffId, a.estateId, bytes, 'roll.txt')
		);
		expect(renamed.reads).toBe(1);
		expect(renamed.result.ok).toBe(true);
	});

	it('counted kinds changed after the preview: the commit parses again and counts the new way', async () => {
		const { estateId, staffId } = await makeEstate(db());
		const bytes = csv(...V1);
		const p = await previewImport(db(), estateId, bytes, 'roll.csv');
		expect(p.preview!.totals.heads).toBe(4);
		expect(await setCountedKinds(db(), staffId, estateId, ['residence'])).toMatchObject({
			ok: true
		});
		const { reads, result } = await readsDuring(() =>
			commitImport(db(), staffId, estateId, bytes, 'roll.csv')
		);
		expect(reads).toBe(1);
		expect(result.ok && result.summary.totals).toMatchObject({ units: 6, heads: 3 });
	});

	it('a preview with problems keeps nothing: the commit reads the file and refuses it', async () => {
		const { estateId, staffId } = await makeEstate(db());
		const bad = csv(...V1, '1栋,301,住宅,abc,登记簿,孙八,110101195001010033,,,,');
		expect((await previewImport(db(), estateId, bad, 'roll.csv')).ok).toBe(false);
		const { reads, result } = await readsDuring(() =>
			commitImport(db(), staffId, estateId, bad, 'roll.csv')
		);
		expect(reads).toBe(1);
		expect(result.ok).toBe(false);
		expect((await rollTotals(db(), estateId)).units).toBe(0);
	});
});
