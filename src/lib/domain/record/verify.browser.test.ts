import { describe, expect, it } from 'vitest';
import { hashEntry } from '../ledger/entries';
import { sampleRecord } from './sample';
import type { BallotEntry } from './types';
import { verifyRecord } from './verify';

// docs/record-format.md § The verifier.
describe('the record builder and verifier in Chromium', () => {
	it('builds a signed record and verifies it', () => {
		expect(navigator.userAgent).toMatch(/Chrome/);
		const built = sampleRecord({ units: 60, ballots: 120, seed: 'browser' });
		expect(built.ok).toBe(true);
		if (!built.ok) return;
		const report = verifyRecord(JSON.parse(JSON.stringify(built.record)));
		expect(report).toMatchObject({ ok: true, errors: [] });
		expect(report.result).toEqual(built.record.result);
	});
	it('detects a re-hashed ballot as chain.prev at the next entry', () => {
		const built = sampleRecord({ units: 20, ballots: 30, seed: 'browser-tamper' });
		if (!built.ok) throw new Error('sample record did not build');
		const record = structuredClone(built.record);
		const entry = record.ledger[4] as BallotEntry;
		entry.choices.r1 = entry.choices.r1 === 'for' ? 'against' : 'for';
		entry.hash = hashEntry(entry);
		const report = verifyRecord(record);
		expect(report.ok).toBe(false);
		expect(report.errors).toContainEqual(expect.objectContaining({ code: 'chain.prev', seq: 5 }));
	});
});
