import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * ✓ and ✗ come from Mark.svelte (same colours, words for screen readers). The files listed here
 * still draw their own signs (step lists and evidence checks with their own wording) and are left
 * to move to Mark; no other file may add a bare sign.
 */
const NOT_YET = [
	'lib/components/announcement/ResultStage.svelte',
	'lib/components/ballot/VotedStatus.svelte',
	'lib/components/evidence/CosignatureCheck.svelte',
	'lib/components/verify/MinutesCheck.svelte',
	'lib/components/verify/MyEvidence.svelte',
	'routes/assemblies/[assemblyId]/ledger/Checkpoints.svelte'
];

describe('✓ and ✗ marks', () => {
	it('are drawn by Mark.svelte everywhere else', () => {
		const bare = (readdirSync('src', { recursive: true }) as string[])
			.filter((f) => f.endsWith('.svelte') && f !== 'lib/components/Mark.svelte')
			.filter((f) => !NOT_YET.includes(f))
			.filter((f) => /[✓✗]/.test(readFileSync(`src/${f}`, 'utf8')));
		expect(bare).toEqual([]);
	});
});
