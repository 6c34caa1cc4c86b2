import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { sql } from 'drizzle-orm';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cosign, verifyCosignature } from '../../src/lib/domain/ledger/cosignature';
import { castBallot } from '../../src/lib/server/ballots/cast';
import { forgetVotingContext } from '../../src/lib/server/ballots/context';
import type { Db } from '../../src/lib/server/db/client';
import { makeCheckpoint } from '../../src/lib/server/ledger/checkpoints';
import { registerStreetKey, streetOf } from '../../src/lib/server/ledger/countersign';
import { publishedKeys } from '../../src/lib/server/ledger/keys';
import { openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { getAssembly } from '../../src/lib/server/ledger/parts';
import { addCosignature, witnessesOf, witnessTask } from '../../src/lib/server/ledger/witness';
import { ledgerView, publicAssembly } from '../../src/lib/server/live/ledger-view';
import { sealBackup } from '../../src/lib/verify/street-backup';
import { checkLatest, cosignersOf, witnessOnce } from '../../src/lib/verify/witness-client';
import { describeEngines, queryRows } from './engines';
import { announcedAssembly } from './ledger-fixture';

/** The two public endpoints a witness uses, answered by their use cases. */
function platform(db: Db) {
	return async (url: string, init?: RequestInit) => {
		const u = new URL(url, 'http://p');
		const id = decodeURIComponent(u.pathname.split('/')[3]);
		if (u.pathname.endsWith('/witness')) {
			const from = u.searchParams.get('from');
			const task = await witnessTask(db, id, from === null ? null : Number(from));
			const a = await getAssembly(db, id);
			const body = {
				...task,
				keys: await publishedKeys(db),
				witnesses: await witnessesOf(db, a!.estateId)
			};
			return new Response(JSON.stringify(body), { status: task ? 200 : 404 });
		}
		const r = await addCosignature(db, {
			assemblyId: id,
			...JSON.parse(String(init!.body)),
			submittedBy: null
		});
		return new Response(JSON.stringify(r), { status: r.ok ? 200 : 422 });
	};
}

const secret = sha256(Uint8Array.of(7));
const publicKey = bytesToHex(ed25519.getPublicKey(secret));
const sign = async (m: Uint8Array) => ed25519.sign(m, secret);

/** The platform's two witness endpoints over real HTTP, for the CLI in a child process. */
async function serve(fetchFn: ReturnType<typeof platform>) {
	const server = createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const body = Buffer.concat(chunks).toString();
		const r = await fetchFn(req.url!, req.method === 'POST' ? { method: 'POST', body } : undefined);
		res.writeHead(r.status, { 'content-type': 'application/json' }).end(await r.text());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** `npm run --silent cli -- witness …` in a child process (async, so the server above answers). */
function cli(args: string[], env: Record<string, string>) {
	return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
		execFile(
			'node_modules/.bin/tsx',
			['src/cli/index.ts', ...args],
			{ env: { ...process.env, ...env } },
			(err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr })
		);
	});
}

/** A street key and its backup file, made as the oversight page makes them (WebCrypto + sealBackup). */
async function browserBackup(passphrase: string) {
	const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
		'sign',
		'verify'
	])) as CryptoKeyPair;
	const key = bytesToHex(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
	const pkcs8 = await crypto.subtle.exportKey('pkcs8', pair.privateKey);
	return { key, backup: await sealBackup('s-hubin', key, pkcs8, passphrase) };
}

describeEngines('the street as witness', (db) => {
	async function setup(streetKey = publicKey) {
		const a = await announcedAssembly(db(), { id: 'asm-w' });
		forgetVotingContext(a.id);
		const street = (await streetOf(db(), 'e-jinse'))!;
		expect(await registerStreetKey(db(), a.staffId, street.id, streetKey)).toEqual({ ok: true });
		expect(await openAssembly(db(), a.id, a.staffId)).toMatchObject({ ok: true });
		const owners = await queryRows<{ id: string }>(
			db(),
			sql`select id from owner where estate_id = 'e-jinse' order by id limit 4`
		);
		const cast = (i: number) =>
			castBallot(db(), {
				assemblyId: a.id,
				ownerId: owners[i].id,
				accountId: `x${i}`,
				choices: { r1: 'for' }
			});
		return { a, cast, fetchFn: platform(db()) };
	}
	const round = (
		fetchFn: ReturnType<typeof platform>,
		seen: { treeSize: number; root: string } | null
	) =>
		witnessOnce({ fetchFn, base: '', assemblyId: 'asm-w', publicKey, sign, seen, now: new Date() });

	it('cosigns each new checkpoint after checking it extends the last; the ledger page shows it', async () => {
		const { a, cast, fetchFn } = await setup();
		await cast(0);
		await makeCheckpoint(db(), a.id);
		const first = await round(fetchFn, null);
		expect(first).toMatchObject({ ok: true, cosigned: true, head: { treeSize: 2 } });
		await cast(1);
		await cast(2);
		await makeCheckpoint(db(), a.id);
		const second = await round(fetchFn, first.ok ? first.head : null);
		expect(second).toMatchObject({ ok: true, cosigned: true, head: { treeSize: 4 } });
		// Asking again adds nothing: the checkpoint is already cosigned.
		expect(await round(fetchFn, second.ok ? second.head : null)).toMatchObject({
			ok: true,
			cosigned: false
		});

		const view = await ledgerView(db(), (await publicAssembly(db(), a.id))!);
		expect(view.witnesses).toEqual([
			expect.objectContaining({ name: 'gongyi-street/s-hubin', publicKey })
		]);
		expect(
			view.checkpoints.map((c) => verifyCosignature(c.cosigned, view.witnesses[0]) !== null)
		).toEqual([true, true]);
		// The monitor sees the same: signed, cosigned by the street, consistent with what it saw.
		const seen = await checkLatest(fetchFn, '', a.id, first.ok ? first.head : null);
		expect(seen.ok && cosignersOf(seen.task).map((w) => w.name)).toEqual(['gongyi-street/s-hubin']);
	});

	it('refuses a forked log: same size with another root, a smaller tree, a tree that is no extension', async () => {
		const { a, cast, fetchFn } = await setup();
		await cast(0);
		await makeCheckpoint(db(), a.id);
		const root = 'ab'.repeat(32);
		for (const [seen, code] of [
			[{ treeSize: 2, root }, 'fork.sameSize'],
			[{ treeSize: 9, root }, 'fork.smaller'],
			[{ treeSize: 1, root }, 'fork.inconsistent']
		] as const) {
			expect(await round(fetchFn, seen)).toMatchObject({ ok: false, code });
			expect(await checkLatest(fetchFn, '', a.id, seen)).toEqual({ ok: false, code });
		}
		const [{ n }] = await queryRows<{ n: number }>(
			db(),
			sql`select count(*)::int as n from cosignature`
		);
		expect(n).toBe(0);
	});

	it("stores only the street key's valid cosignature lines", async () => {
		const { a, cast } = await setup();
		await cast(0);
		const cp = (await makeCheckpoint(db(), a.id))!;
		const body = cp.note.slice(0, cp.note.indexOf('\n\n') + 1);
		const name = 'gongyi-street/s-hubin';
		const other = cosign(body, name, sha256(Uint8Array.of(8)), 1700000000);
		const input = { assemblyId: a.id, treeSize: cp.treeSize, submittedBy: null };
		expect(await addCosignature(db(), { ...input, line: other })).toEqual({
			ok: false,
			code: 'cosign.noWitness'
		});
		const good = cosign(body, name, secret, 1700000000);
		const forged = cosign(body.replace('\n2\n', '\n3\n'), name, secret, 1700000000);
		expect(await addCosignature(db(), { ...input, line: forged })).toEqual({
			ok: false,
			code: 'cosign.invalid'
		});
		expect(await addCosignature(db(), { ...input, line: 'garbage line' })).toEqual({
			ok: false,
			code: 'cosign.badLine'
		});
		expect(await addCosignature(db(), { ...input, line: good })).toEqual({
			ok: true,
			duplicate: false
		});
		expect(await addCosignature(db(), { ...input, line: good })).toEqual({
			ok: true,
			duplicate: true
		});
	});

	it('cli witness signs with the key in the browser backup file; a wrong passphrase signs nothing and exits 1', async () => {
		const passphrase = '湖滨街道 2026 口令';
		const { key, backup } = await browserBackup(passphrase);
		const { a, cast, fetchFn } = await setup(key);
		await cast(0);
		await makeCheckpoint(db(), a.id);
		const dir = mkdtempSync(join(tmpdir(), 'gongyi-witness-'));
		const file = join(dir, 'street-key-backup.json');
		writeFileSync(file, JSON.stringify(backup, null, 2) + '\n');
		const state = join(dir, 'witness.json');
		const { base, server } = await serve(fetchFn);
		try {
			const args = ['witness', base, a.id, '--backup', file, '--state', state];
			const wrong = await cli(args, { GONGYI_STREET_PASSPHRASE: 'not the passphrase' });
			expect(wrong.code).toBe(1);
			expect(wrong.stderr).toContain('wrong passphrase');
			expect(wrong.stdout).toBe('');
			const right = await cli(args, { GONGYI_STREET_PASSPHRASE: passphrase });
			expect(right.stderr).toBe('');
			expect(right.code).toBe(0);
			expect(JSON.parse(right.stdout)).toMatchObject({
				ok: true,
				results: [{ assembly: a.id, ok: true, cosigned: true }]
			});
			expect(JSON.parse(readFileSync(state, 'utf8'))[`${base} ${a.id}`]).toMatchObject({
				treeSize: 2
			});
		} finally {
			server.close();
		}
		// The served checkpoint now carries the street's cosignature, and it verifies.
		const view = await ledgerView(db(), (await publicAssembly(db(), a.id))!);
		expect(view.witnesses[0].publicKey).toBe(key);
		expect(verifyCosignature(view.checkpoints.at(-1)!.cosigned, view.witnesses[0])).not.toBeNull();
	});
});
