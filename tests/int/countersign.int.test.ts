import { headSignatures } from '../../src/lib/server/ledger/head-signatures';
import { verifyHeadSignature } from '../../src/lib/domain/signature';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Result } from '../../src/lib/domain/record/types';
import { verifyRecord } from '../../src/lib/domain/record/verify';
import { signHead } from '../../src/lib/domain/signature';
import { verifyAuditChain } from '../../src/lib/server/audit';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import { assembly, owner } from '../../src/lib/server/db/schema';
import { countersign, registerStreetKey } from '../../src/lib/server/ledger/countersign';
import { closeAssembly, openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { exportRecord } from '../../src/lib/server/ledger/record';
import { countAndStore } from '../../src/lib/server/ledger/result';
import { describeEngines } from './engines';
import { announcedAssembly } from './ledger-fixture';

describeEngines('street countersignature', (db) => {
	it('the street registers its key once and countersigns the head; the record carries both signatures', async () => {
		const a = await announcedAssembly(db(), { id: 'asm-cs' });
		forgetVotingContext(a.id);
		expect(await openAssembly(db(), a.id, a.staffId)).toMatchObject({ ok: true });
		const owners = await db()
			.select({ id: owner.id })
			.from(owner)
			.where(eq(owner.estateId, 'e-jinse'));
		expect(owners.length).toBeGreaterThanOrEqual(3);
		for (const o of owners.slice(0, 3)) {
			const cast = await castBallot(db(), {
				assemblyId: a.id,
				ownerId: o.id,
				accountId: 'x',
				choices: { r1: 'for' }
			});
			expect(cast).toMatchObject({ ok: true });
		}
		const secret = new Uint8Array(32).fill(3);
		const publicKey = bytesToHex(ed25519.getPublicKey(secret));
		const signFor = (key: Uint8Array) => async () => {
			const [row] = await db().select().from(assembly).where(eq(assembly.id, a.id));
			const { publicKey: pk, signature } = signHead(
				key,
				'street',
				a.id,
				(JSON.parse(row.resultJson!) as Result).head
			);
			return { publicKey: pk, signature };
		};
		expect(
			await countersign(db(), a.staffId, a.id, { publicKey, signature: 'ab'.repeat(64) })
		).toEqual({ ok: false, code: 'assembly.wrongState' });
		expect(
			await closeAssembly(db(), a.id, a.staffId, new Date(a.closesAt.getTime() + 1))
		).toMatchObject({ ok: true });
		expect(await countAndStore(db(), a.id, a.staffId)).toMatchObject({ ok: true });
		expect(await countersign(db(), a.staffId, a.id, await signFor(secret)())).toEqual({
			ok: false,
			code: 'countersign.noKey'
		});

		expect(await registerStreetKey(db(), a.staffId, 's-hubin', 'nothex')).toEqual({
			ok: false,
			code: 'countersign.badKey'
		});
		expect(await registerStreetKey(db(), a.staffId, 'e-jinse', publicKey)).toEqual({
			ok: false,
			code: 'countersign.noStreet'
		});
		expect(await registerStreetKey(db(), a.staffId, 's-hubin', publicKey)).toEqual({ ok: true });
		expect(await registerStreetKey(db(), a.staffId, 's-hubin', publicKey)).toEqual({
			ok: false,
			code: 'countersign.keyExists'
		});

		const other = new Uint8Array(32).fill(4);
		expect(await countersign(db(), a.staffId, a.id, await signFor(other)())).toEqual({
			ok: false,
			code: 'countersign.wrongKey'
		});
		const forged = { publicKey, signature: (await signFor(other)()).signature };
		expect(await countersign(db(), a.staffId, a.id, forged)).toEqual({
			ok: false,
			code: 'countersign.invalid'
		});
		expect(await countersign(db(), a.staffId, a.id, await signFor(secret)())).toEqual({ ok: true });
		expect(await countersign(db(), a.staffId, a.id, await signFor(secret)())).toEqual({
			ok: false,
			code: 'countersign.done'
		});

		const record = await exportRecord(db(), a.id);
		expect(record!.signatures!.map((s) => s.by)).toEqual(['platform', 'street']);
		const report = verifyRecord(JSON.parse(JSON.stringify(record)));
		expect(report.errors).toEqual([]);
		expect(report.ok).toBe(true);
		// What the public ledger page hands the browser, which checks both over the result's head.
		const shown = await headSignatures(db(), a.id);
		expect(shown.map((s) => s.by)).toEqual(['platform', 'street']);
		for (const s of shown) expect(verifyHeadSignature(s, a.id, record!.result!.head)).toBe(true);
		expect(await verifyAuditChain(db(), 'e-jinse')).toMatchObject({ ok: true });
	});
});
