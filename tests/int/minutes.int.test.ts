import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { ElectionResult, ResolutionResult, Result } from '../../src/lib/domain/record/types';
import { signHead } from '../../src/lib/domain/signature';
import { verifyAuditChain } from '../../src/lib/server/audit';
import { account, auditLog } from '../../src/lib/server/db/schema';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import { DEMO_PUBLISHED_ID } from '../../src/lib/server/demo-assemblies';
import { countersign, registerStreetKey } from '../../src/lib/server/ledger/countersign';
import { exportRecord } from '../../src/lib/server/ledger/record';
import {
	listScrutineers,
	nameScrutineer,
	removeScrutineer
} from '../../src/lib/server/minutes/scrutineers';
import { ensureMinutes, getMinutes, listMinutes } from '../../src/lib/server/minutes/store';
import { pdfText } from '../support/pdf-text';
import { describeEngines } from './engines';
import { pdfAttachments, pdfsig } from './minutes-helpers';

const ID = DEMO_PUBLISHED_ID;

/** Every number of the result as the minutes print it: areas as in the record, heads as integers. */
function figuresOf(result: Result): string[] {
	const w = (x: { area: string; heads: number }) => [x.area, String(x.heads)];
	const out = [...w(result.totals), ...w(result.participation), String(result.head.seq)];
	for (const r of Object.values(result.items)) {
		out.push(...w(r.participation));
		if ('candidates' in r)
			for (const c of Object.values((r as ElectionResult).candidates)) out.push(...w(c));
		else {
			const x = r as ResolutionResult;
			out.push(...w(x.for), ...w(x.against), ...w(x.abstain), ...w(x.spoiled));
		}
	}
	return out;
}

describeEngines('minutes', (db) => {
	it('the published demo assembly gets signed minutes holding every figure of its result', async () => {
		await seedDemoIfEmpty(db(), { assemblies: true });
		const r = await ensureMinutes(db(), ID, null);
		if (!r.ok) throw new Error(r.code);
		const pdf = r.row.pdf;
		expect(r.row).toMatchObject({ version: 1, locale: 'zh', reason: 'counted' });
		expect(r.row.sha256).toBe(bytesToHex(sha256(pdf)));

		const record = (await exportRecord(db(), ID))!;
		const result = record.result!;
		const text = pdfText(pdf);
		const tokens = new Set(text.split(/\s+/));
		for (const figure of figuresOf(result)) expect(tokens, figure).toContain(figure);
		const flat = text.replace(/\s+/g, '');
		expect(flat).toContain(result.head.hash);
		expect(flat).toContain(result.head.merkleRoot);
		expect(text).toMatch(/第\s*1\s*页\s*共\s*\d+\s*页/);
		for (const item of record.items) expect(text).toContain(item.title);
		// The demo names its scrutineers (监票人、计票人) before the count.
		for (const name of ['周建平', '吴秀兰', '郑丽华', '孙国强']) expect(flat).toContain(name);

		const json = JSON.parse(pdfAttachments(pdf)['minutes.json']);
		expect(json.result).toEqual(result);
		expect(json.version).toBe(1);
		type Counts = Record<string, { received: number; counted: number }>;
		const channels = Object.values(json.channels as Counts);
		const ballots = record.ledger.filter((e) => e.type === 'ballot');
		expect(channels.reduce((n, c) => n + c.received, 0)).toBe(ballots.length);
		expect(channels.reduce((n, c) => n + c.counted, 0)).toBe(result.participation.heads);
		for (const [channel, c] of Object.entries(json.channels as Counts))
			expect(c.received).toBe(ballots.filter((b) => b.channel === channel).length);
		expect(json.signatures.map((s: { by: string }) => s.by)).toEqual(['platform']);

		const report = pdfsig(pdf);
		expect(report).toContain('Signature Type: ETSI.CAdES.detached');
		expect(report).toContain('Total document signed');
		expect(report).toContain('Signature Validation: Signature is Valid.');
		const tampered = pdf.slice();
		const at = pdf.indexOf(0x2f, 2000); // a "/" in an object dictionary, inside the signed range
		tampered[at + 1] ^= 0x01;
		const bad = pdfsig(tampered);
		expect(bad).not.toContain('Signature is Valid.');
		expect(bad).toMatch(/Signature is Invalid|Digest Mismatch/);

		// Unchanged figures: the same file, no new version.
		const again = await ensureMinutes(db(), ID, null);
		expect(again.ok && again.row.sha256).toBe(r.row.sha256);
		const audits = await db()
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.scope, 'e-jinse'), eq(auditLog.action, 'minutes.generate')));
		expect(audits).toHaveLength(1);
		expect(JSON.parse(audits[0].body).after).toMatchObject({
			version: 1,
			sha256: r.row.sha256
		});
		expect(await verifyAuditChain(db(), 'e-jinse')).toMatchObject({ ok: true });
	});

	it('countersigning makes version 2 with the street signature; version 1 is kept; English on request', async () => {
		await seedDemoIfEmpty(db(), { assemblies: true });
		const v1 = await ensureMinutes(db(), ID, null);
		if (!v1.ok) throw new Error(v1.code);
		const [oversight] = await db().select().from(account).where(eq(account.login, 'oversight'));
		const secret = new Uint8Array(32).fill(7);
		const publicKey = bytesToHex(ed25519.getPublicKey(secret));
		expect(await registerStreetKey(db(), oversight.id, 's-hubin', publicKey)).toEqual({ ok: true });
		const head = (await exportRecord(db(), ID))!.result!.head;
		const sig = signHead(secret, 'street', ID, head);
		expect(
			await countersign(db(), oversight.id, ID, { publicKey, signature: sig.signature })
		).toEqual({ ok: true });

		const v2 = await ensureMinutes(db(), ID, oversight.id);
		if (!v2.ok) throw new Error(v2.code);
		expect(v2.row).toMatchObject({ version: 2, reason: 'countersigned', createdBy: oversight.id });
		expect(pdfText(v2.row.pdf).replace(/\s+/g, '')).toContain(sig.signature);
		expect(pdfText(v1.row.pdf).replace(/\s+/g, '')).not.toContain(sig.signature);
		expect(pdfsig(v2.row.pdf)).toContain('Signature is Valid.');
		expect((await getMinutes(db(), ID, 1, 'zh'))!.sha256).toBe(v1.row.sha256);

		const en = await ensureMinutes(db(), ID, null, 'en');
		if (!en.ok) throw new Error(en.code);
		expect(en.row.version).toBe(2);
		expect(pdfText(en.row.pdf)).toMatch(/Page\s*1\s*of/);
		expect((await listMinutes(db(), ID)).map((m) => [m.version, m.locale])).toEqual([
			[2, 'en'],
			[2, 'zh'],
			[1, 'zh']
		]);
	});

	it('an assembly that is not counted has no minutes; staff name scrutineers until the result is published', async () => {
		await seedDemoIfEmpty(db(), { assemblies: true });
		expect(await ensureMinutes(db(), 'a-jinse-2026-2', null)).toEqual({
			ok: false,
			code: 'minutes.notCounted'
		});
		const [staff] = await db().select().from(account).where(eq(account.login, 'staff'));
		const name = (assemblyId: string, n: string) =>
			nameScrutineer(db(), { actorId: staff.id, assemblyId, role: 'supervisor', name: n });
		expect(await name(ID, '陈犇')).toEqual({ ok: false, code: 'scrutineer.locked' });
		expect(await name('a-jinse-2026-2', '陈犇')).toEqual({ ok: true });
		expect(await name('a-jinse-2026-2', '陈犇')).toEqual({
			ok: false,
			code: 'scrutineer.duplicate'
		});
		const [s] = await listScrutineers(db(), 'a-jinse-2026-2');
		expect(s).toMatchObject({ role: 'supervisor', name: '陈犇' });
		expect(
			await removeScrutineer(db(), { actorId: staff.id, assemblyId: 'a-jinse-2026-2', id: s.id })
		).toEqual({ ok: true });
		expect(await listScrutineers(db(), 'a-jinse-2026-2')).toEqual([]);
		const actions = (
			await db().select().from(auditLog).where(eq(auditLog.subject, 'a-jinse-2026-2'))
		).map((r) => r.action);
		expect(actions).toContain('assembly.scrutineerNamed');
		expect(actions).toContain('assembly.scrutineerRemoved');
	});
});
