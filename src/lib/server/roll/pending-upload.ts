import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** A previewed file waits here (not in the page: 50,000 rows) until staff confirm it. */
const MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Under the configured uploads directory (GONGYI_UPLOADS, default `uploads` in the data
 * directory): the files hold names, ID numbers and phones, so the directory is 0700 and the
 * files 0600.
 */
function dir(): string {
	const base = process.env.GONGYI_UPLOADS ?? join(process.env.GONGYI_DATA_DIR ?? 'data', 'uploads');
	return resolve(base, 'roll-pending');
}

async function ensureDir(): Promise<string> {
	const d = dir();
	await mkdir(d, { recursive: true, mode: 0o700 });
	await chmod(d, 0o700);
	return d;
}

interface Meta {
	estateId: string;
	filename: string;
	sha256: string;
	at: number;
}

const TOKEN = /^[0-9a-f]{32}$/;

async function sweep(d: string, now: number) {
	for (const f of await readdir(d).catch(() => [] as string[])) {
		const s = await stat(join(d, f)).catch(() => null);
		if (s && now - s.mtimeMs > MAX_AGE_MS) await rm(join(d, f), { force: true });
	}
}

/** Deletes every pending upload older than an hour (run at each upload and on a timer). */
export async function sweepPendingUploads(now = Date.now()): Promise<void> {
	await sweep(dir(), now);
}

/** Keeps an uploaded roll file for an hour under a random token bound to the estate. */
export async function stashUpload(
	estateId: string,
	bytes: Uint8Array,
	filename: string,
	now = Date.now()
): Promise<{ token: string; sha256: string }> {
	const d = await ensureDir();
	await sweep(d, now);
	const token = randomBytes(16).toString('hex');
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const meta: Meta = { estateId, filename, sha256, at: now };
	await writeFile(join(d, `${token}.bin`), bytes, { mode: 0o600 });
	await writeFile(join(d, `${token}.json`), JSON.stringify(meta), { mode: 0o600 });
	return { token, sha256 };
}

/** The stashed file, if the token is this estate's, younger than an hour and its bytes unchanged. */
export async function takeUpload(
	estateId: string,
	token: string,
	sha256: string,
	now = Date.now()
): Promise<{ bytes: Uint8Array; filename: string } | null> {
	if (!TOKEN.test(token)) return null;
	const d = dir();
	try {
		const meta = JSON.parse(await readFile(join(d, `${token}.json`), 'utf8')) as Meta;
		if (now - meta.at > MAX_AGE_MS) {
			await dropUpload(token);
			return null;
		}
		if (meta.estateId !== estateId || meta.sha256 !== sha256) return null;
		const bytes = new Uint8Array(await readFile(join(d, `${token}.bin`)));
		if (createHash('sha256').update(bytes).digest('hex') !== sha256) return null;
		return { bytes, filename: meta.filename };
	} catch {
		return null;
	}
}

export async function dropUpload(token: string): Promise<void> {
	if (!TOKEN.test(token)) return;
	await rm(join(dir(), `${token}.bin`), { force: true });
	await rm(join(dir(), `${token}.json`), { force: true });
}
