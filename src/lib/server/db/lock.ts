import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface DataDirLock {
	release(): void;
}

export class DataDirBusyError extends Error {
	constructor(
		readonly dataDir: string,
		readonly pid: number
	) {
		super(
			`The embedded database in ${dataDir} is in use by process ${pid} (PGlite is single-process). ` +
				`Stop that process first, or set DATABASE_URL to use PostgreSQL.`
		);
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * PGlite is one process, one connection: two processes on one data directory silently lose
 * writes, so a lock file holding the owner's pid guards it. A stale lock (dead pid) is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
	const file = join(dataDir, '.gongyi.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(file, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			let released = false;
			const release = () => {
				if (released) return;
				released = true;
				rmSync(file, { force: true });
			};
			process.once('exit', release);
			return { release };
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			const pid = Number(readFileSync(file, 'utf8').trim());
			if (pid && pid !== process.pid && alive(pid)) throw new DataDirBusyError(dataDir, pid);
			rmSync(file, { force: true });
		}
	}
	throw new Error(`could not lock ${dataDir}`);
}
