import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Test helper: the PDF's text as poppler's pdftotext extracts it (proves the ToUnicode maps). */
export function pdfText(pdf: Uint8Array, layout = false): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'gongyi-pdf-'));
	const file = path.join(dir, 'doc.pdf');
	writeFileSync(file, pdf);
	return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], {
		encoding: 'utf8',
		maxBuffer: 64 << 20
	});
}
