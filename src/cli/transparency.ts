import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { Command } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { TreeHead } from '../lib/domain/ledger/cosignature';
import { merkleRoot } from '../lib/domain/ledger/merkle';
import { verifyRecord } from '../lib/domain/record/verify';
import { nodeSha256 } from '../lib/server/sha256';
import { checkLatest, cosignersOf, witnessOnce } from '../lib/verify/witness-client';
import { CliError } from './common';
import { PASSPHRASE_ENV, witnessSecret } from './witness-key';

type State = Record<string, TreeHead>;

function readState(file: string | undefined): State {
	if (!file || !existsSync(file)) return {};
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as State;
	} catch {
		throw new CliError(`${file} is not a state file written by this command`);
	}
}

const trimBase = (url: string) => {
	if (!/^https?:\/\/[^\s]+$/.test(url)) throw new CliError(`${url} is not an http(s) URL`);
	return url.replace(/\/+$/, '');
};

/** One JSON line on stdout, exit 0 when everything held, 1 otherwise. */
function report(ok: boolean, fields: object): void {
	console.log(JSON.stringify({ ok, ...fields }));
	process.exitCode = ok ? 0 : 1;
}

/** Whether the record's first `treeSize` entries hash to the checkpoint's root, and the record verifies. */
async function checkRecord(base: string, assemblyId: string, head: TreeHead) {
	const res = await fetch(`${base}/api/assemblies/${encodeURIComponent(assemblyId)}/record`);
	if (!res.ok) return { ok: false, error: `record: HTTP ${res.status}` };
	const record = (await res.json()) as { ledger?: { hash: string }[] };
	const report = verifyRecord(record, { sha256: nodeSha256 });
	const hashes = (record.ledger ?? []).slice(0, head.treeSize).map((e) => hexToBytes(e.hash));
	const matches = hashes.length === head.treeSize && bytesToHex(merkleRoot(hashes)) === head.root;
	return { ok: report.ok && matches, matchesCheckpoint: matches, errors: report.errors };
}

export function registerTransparencyCommands(program: Command): void {
	program
		.command('monitor')
		.description(
			"check an assembly's latest checkpoint: signature, cosignatures, consistency with the last one seen; one JSON line, exit 0/1"
		)
		.argument('<base>', 'the platform URL, e.g. https://gongyi.example.cn')
		.argument('<assembly>', 'the assembly id')
		.option('--state <file>', 'remembers the last checkpoint seen, so a fork is noticed')
		.option('--record', 'also download the record, verify it and check it against the checkpoint')
		.action(
			async (baseUrl: string, assemblyId: string, opts: { state?: string; record?: boolean }) => {
				const base = trimBase(baseUrl);
				const state = readState(opts.state);
				const key = `${base} ${assemblyId}`;
				const seen = state[key] ?? null;
				const latest = await checkLatest(fetch, base, assemblyId, seen);
				if (!latest.ok) return report(false, { assembly: assemblyId, error: latest.code, seen });
				const cosignedBy = cosignersOf(latest.task).map((w) => w.name);
				const record = opts.record ? await checkRecord(base, assemblyId, latest.head) : undefined;
				if (opts.state)
					writeFileSync(opts.state, JSON.stringify({ ...state, [key]: latest.head }) + '\n');
				report(record ? record.ok : true, {
					assembly: assemblyId,
					...latest.head,
					signedBy: latest.signer.name,
					cosignedBy,
					consistentWith: seen,
					...(record ? { record } : {})
				});
			}
		);

	program
		.command('witness')
		.description(
			"cosign the latest checkpoint of each assembly with the street's key (cosignature/v1) after checking it extends the last one cosigned; refuses a forked log"
		)
		.argument('<base>', 'the platform URL')
		.argument('<assemblies...>', 'assembly ids')
		.option('--key <file>', "the street's Ed25519 secret key, 64 hex characters")
		.option(
			'--backup <file>',
			`the street key backup file from the oversight page; passphrase from ${PASSPHRASE_ENV} or typed`
		)
		.requiredOption('--state <file>', 'what this witness cosigned last, per assembly')
		.action(
			async (
				baseUrl: string,
				ids: string[],
				opts: { key?: string; backup?: string; state: string }
			) => {
				const base = trimBase(baseUrl);
				const secret = await witnessSecret(opts);
				const publicKey = bytesToHex(ed25519.getPublicKey(secret));
				const state = readState(opts.state);
				const results = [];
				for (const assemblyId of ids) {
					const key = `${base} ${assemblyId}`;
					const r = await witnessOnce({
						fetchFn: fetch,
						base,
						assemblyId,
						publicKey,
						sign: async (m) => ed25519.sign(m, secret),
						seen: state[key] ?? null,
						now: new Date()
					});
					if (r.ok) state[key] = r.head;
					else if (r.code.startsWith('fork'))
						process.stderr.write(
							`!!! ${assemblyId}: the log is NOT an extension of the checkpoint this witness cosigned (${r.code}). Do not trust it; tell the street office.\n`
						);
					results.push({ assembly: assemblyId, ...r });
				}
				writeFileSync(opts.state, JSON.stringify(state) + '\n');
				report(
					results.every((r) => r.ok),
					{ results }
				);
			}
		);
}
