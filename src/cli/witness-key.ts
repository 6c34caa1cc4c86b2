import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ed25519SeedOf, openBackup, parseBackup } from '../lib/verify/street-backup';
import { CliError } from './common';

/** Where `witness --backup` reads the passphrase: never argv, which every user sees in `ps`. */
export const PASSPHRASE_ENV = 'GONGYI_STREET_PASSPHRASE';

/** Asks on the terminal without echoing what is typed. */
function promptHidden(question: string): Promise<string> {
	const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
	process.stderr.write(question);
	// readline echoes through this method; muting it hides the passphrase as it is typed.
	(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
	return new Promise<string>((resolve) =>
		rl.question('', (answer) => {
			rl.close();
			process.stderr.write('\n');
			resolve(answer);
		})
	);
}

async function passphrase(env: NodeJS.ProcessEnv): Promise<string> {
	const fromEnv = env[PASSPHRASE_ENV];
	if (fromEnv) return fromEnv;
	if (!process.stdin.isTTY)
		throw new CliError(`set ${PASSPHRASE_ENV} or run in a terminal to type the backup passphrase`);
	return promptHidden('Passphrase of the street key backup: ');
}

/** The secret of a plain key file: 64 hex characters. */
function keyFile(file: string): Uint8Array {
	const hex = readFileSync(file, 'utf8').trim().toLowerCase();
	if (!/^[0-9a-f]{64}$/.test(hex)) throw new CliError(`${file} must hold 64 hex characters`);
	return hexToBytes(hex);
}

/** The secret in the oversight page's backup file, decrypted as the second browser would. */
export async function backupFile(file: string, env = process.env): Promise<Uint8Array> {
	const backup = parseBackup(readFileSync(file, 'utf8'));
	if (!backup) throw new CliError(`${file} is not a street key backup file (gongyi-street-key/1)`);
	const pkcs8 = await openBackup(backup, await passphrase(env));
	if (!pkcs8)
		throw new CliError(`wrong passphrase for ${file} (or the file is damaged); nothing was signed`);
	const seed = ed25519SeedOf(pkcs8);
	if (!seed || bytesToHex(ed25519.getPublicKey(seed)) !== backup.publicKey)
		throw new CliError(`${file} is damaged: its key does not match its public key`);
	return seed;
}

/** The witness's secret key from `--key` or `--backup`, exactly one of them. */
export async function witnessSecret(opts: { key?: string; backup?: string }): Promise<Uint8Array> {
	if (!!opts.key === !!opts.backup)
		throw new CliError('give the street key as either --key <file> or --backup <file>');
	return opts.key ? keyFile(opts.key) : backupFile(opts.backup!);
}
