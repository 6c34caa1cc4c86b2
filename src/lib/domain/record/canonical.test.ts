import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalBytes, canonicalJson, hashCanonical } from './canonical';
import { sha256Into, utf8 } from './sha256';

describe('canonical JSON — RFC 8785 (JCS)', () => {
	it('sorts keys by UTF-16 code units, not by code point — RFC 8785 §3.2.3', () => {
		// U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB33 in UTF-16.
		const o = { '\ufb33': 1, '\u{1f600}': 2, b: 3, a: { d: [], c: true }, '10': 4, '9': 5 };
		expect(canonicalJson(o)).toBe(
			'{"10":4,"9":5,"a":{"c":true,"d":[]},"b":3,"\u{1f600}":2,"\ufb33":1}'
		);
	});
	it('escapes strings as JSON.stringify does — RFC 8785 §3.2.2.2', () => {
		expect(canonicalJson('a"\\\n\u0001€\u2028')).toBe('"a\\"\\\\\\n\\u0001€\u2028"');
		expect(canonicalJson(['\ud800'])).toBe('["\\ud800"]');
	});
	it('writes integers and literals without white space — RFC 8785 §3.2.2', () => {
		expect(canonicalJson({ n: [0, -0, -5, 9007199254740991], t: true, f: false, z: null })).toBe(
			'{"f":false,"n":[0,0,-5,9007199254740991],"t":true,"z":null}'
		);
	});
	// docs/record-format.md § The ledger: an entry's hash covers every field but itself.
	it('omits one key when hashing an entry without its hash', () => {
		const bytes = canonicalBytes({ seq: 1, hash: 'x', at: 't' }, 'hash');
		expect(new TextDecoder().decode(bytes)).toBe('{"at":"t","seq":1}');
	});
	// docs/record-format.md § Canonical JSON and H(x).
	it('H(x) is SHA-256 of the UTF-8 bytes of JCS(x)', () => {
		const x = { 名称: '幸福小区', id: 'e1' };
		expect(hashCanonical(x)).toBe(bytesToHex(sha256(utf8('{"id":"e1","名称":"幸福小区"}'))));
	});
	it('agrees with JSON.stringify after sorting, for any JSON value (property)', () => {
		const sortDeep = (v: unknown): unknown =>
			Array.isArray(v)
				? v.map(sortDeep)
				: v && typeof v === 'object'
					? Object.fromEntries(
							Object.keys(v)
								.sort()
								.map((k) => [k, sortDeep((v as Record<string, unknown>)[k])])
						)
					: v;
		// JS objects list integer-like keys first, which would break this oracle; the first test covers them.
		const json = fc.jsonValue({ maxDepth: 3 }).filter((v) => !/[.]|"\d+":/.test(JSON.stringify(v)));
		fc.assert(
			fc.property(json, (v) => {
				expect(canonicalJson(v)).toBe(JSON.stringify(sortDeep(v)));
				expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
			})
		);
	});
	it('the byte writer gives the UTF-8 bytes of the JCS text, for any JSON value (property)', () => {
		const json = fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' });
		fc.assert(
			fc.property(json, (v) => {
				expect(bytesToHex(canonicalBytes(v))).toBe(bytesToHex(utf8(canonicalJson(v))));
			})
		);
	});
	it('the reused hasher gives the same digests as a fresh one (property)', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 300 }), (d) => {
				expect(bytesToHex(sha256Into(d))).toBe(bytesToHex(sha256(d)));
			})
		);
	});
});
