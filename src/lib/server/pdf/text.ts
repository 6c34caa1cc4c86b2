/** Line breaking for mixed Chinese/Latin text: break between CJK characters, keep Latin words. */

/** Width of a string at font size 1 (in points per point of size). */
export type Measure = (s: string) => number;

/** Characters that must not start a line (closing punctuation, 避头). */
const NO_START = new Set('，。、；：？！）》」』】〉〕”’…—～%·,.;:!?)]}');
/** Characters that must not end a line (opening punctuation, 避尾). */
const NO_END = new Set('（《「『【〈〔“‘([{');

/**
 * Splits text into unbreakable pieces: one CJK character (with its adjacent punctuation), one run
 * of non-CJK, non-space characters (a Latin word, a number, a URL), or one run of spaces.
 */
export function tokenize(text: string): string[] {
	const raw = text.match(/[ \t]+|[\u2e80-\u{10ffff}]|[^ \t\u2e80-\u{10ffff}]+/gu) ?? [];
	const out: string[] = [];
	let glue = false;
	for (const t of raw) {
		const prev = out.length ? out[out.length - 1] : undefined;
		const space = /^[ \t]/.test(t);
		if (!space && prev !== undefined && !/^[ \t]/.test(prev) && (glue || NO_START.has(t[0]))) {
			out[out.length - 1] = prev + t;
		} else out.push(t);
		glue = !space && NO_END.has(t[t.length - 1]);
	}
	return out;
}

/** Splits a piece that is wider than a line into chunks that fit (hard break). */
function hardBreak(token: string, max: number, width: Measure): string[] {
	const parts: string[] = [];
	let cur = '';
	let w = 0;
	for (const ch of token) {
		const cw = width(ch);
		if (cur && w + cw > max) {
			parts.push(cur);
			cur = '';
			w = 0;
		}
		cur += ch;
		w += cw;
	}
	if (cur) parts.push(cur);
	return parts;
}

/**
 * Wraps `text` into lines no wider than `max` (same unit as `width`). Newlines force breaks; spaces
 * at line ends are dropped. Each piece is measured once, so the cost is linear in the text length.
 */
export function wrapText(text: string, max: number, width: Measure): string[] {
	const lines: string[] = [];
	for (const para of text.replace(/\r\n?/g, '\n').split('\n')) {
		const start = lines.length;
		let line = '';
		let w = 0;
		const flush = () => {
			lines.push(line.replace(/[ \t]+$/, ''));
			line = '';
			w = 0;
		};
		for (const token of tokenize(para)) {
			const space = /^[ \t]/.test(token);
			if (space && !line) continue;
			const tw = width(token);
			if (w + tw <= max || (!line && tw <= max)) {
				line += token;
				w += tw;
			} else if (space) {
				flush();
			} else {
				if (line) flush();
				const parts = tw > max ? hardBreak(token, max, width) : [token];
				for (const p of parts.slice(0, -1)) lines.push(p);
				line = parts[parts.length - 1];
				w = width(line);
			}
		}
		if (line || lines.length === start) flush();
	}
	return lines;
}
