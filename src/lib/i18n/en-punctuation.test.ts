import { describe, expect, it } from 'vitest';

const files = import.meta.glob<Record<string, unknown>>('./locales/en/*.json', {
	eager: true,
	import: 'default'
});

/** Full-width and typographic punctuation that does not belong in English text. */
const NOT_ASCII =
	/[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d]/u;

function* strings(value: unknown, path: string): Generator<[string, string]> {
	if (typeof value === 'string') yield [path, value];
	else if (value && typeof value === 'object')
		for (const [k, v] of Object.entries(value)) yield* strings(v, path ? `${path}.${k}` : k);
}

describe('English messages', () => {
	it('found the English locale files', () => {
		expect(Object.keys(files).length).toBeGreaterThan(10);
	});

	it('use ASCII punctuation only (no ，。：；（）“” …)', () => {
		const offending: string[] = [];
		for (const [file, messages] of Object.entries(files))
			for (const [key, text] of strings(messages, ''))
				if (NOT_ASCII.test(text))
					offending.push(`${file.replace('./locales/en/', '')} ${key}: ${text}`);
		expect(offending).toEqual([]);
	});

	it('the scan catches full-width punctuation', () => {
		for (const s of ['a，b', 'a。', 'x：y', 'x；y', '（x）', '“x”'])
			expect(NOT_ASCII.test(s)).toBe(true);
		expect(NOT_ASCII.test('Plain, ASCII: text (ok); "quoted".')).toBe(false);
	});
});
