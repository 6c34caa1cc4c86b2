import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function tempFile(pdf: Uint8Array): { dir: string; file: string } {
	const dir = mkdtempSync(path.join(tmpdir(), 'gongyi-minutes-'));
	const file = path.join(dir, 'minutes.pdf');
	writeFileSync(file, pdf);
	return { dir, file };
}

/** poppler's pdfsig report of a PDF (it exits non-zero for an invalid signature: keep the text). */
export function pdfsig(pdf: Uint8Array): string {
	const { file } = tempFile(pdf);
	const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
	return r.stdout + r.stderr;
}

/** The PDF's embedded files by name, extracted with poppler's pdfdetach. */
export function pdfAttachments(pdf: Uint8Array): Record<string, string> {
	const { dir, file } = tempFile(pdf);
	const out = path.join(dir, 'att');
	execFileSync('mkdir', ['-p', out]);
	execFileSync('pdfdetach', ['-saveall', '-o', out, file]);
	return Object.fromEntries(
		readdirSync(out).map((n) => [n, readFileSync(path.join(out, n), 'utf8')])
	);
}
