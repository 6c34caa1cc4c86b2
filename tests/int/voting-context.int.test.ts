import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { forgetVotingContext, votingContext } from '../../src/lib/server/ballots/context';
import { assembly, assemblyVoter } from '../../src/lib/server/db/schema';
import { makeCheckpoint } from '../../src/lib/server/ledger/checkpoints';
import { openAssembly } from '../../src/lib/server/ledger/lifecycle';
import { describeEngines } from './engines';
import { announcedAssembly } from './ledger-fixture';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

describeEngines('voting context and checkpoints of open assemblies', (db) => {
	it('knows the frozen roll by its digest, and reloads voters only when the roll is re-frozen', async () => {
		const a = await announcedAssembly(db(), { id: 'asm-ctx' });
		expect((await openAssembly(db(), a.id, a.staffId)).ok).toBe(true);
		forgetVotingContext(a.id);
		const t = Date.now();
		const first = (await votingContext(db(), a.id, t))!;
		const [row] = await db().select().from(assembly).where(eq(assembly.id, a.id));
		expect(first.assembly.rollDigest).toBe(md5(row.rollJson!));
		expect('rollJson' in first.assembly).toBe(false);
		expect('resultJson' in first.assembly).toBe(false);
		const voters = await db()
			.select()
			.from(assemblyVoter)
			.where(eq(assemblyVoter.assemblyId, a.id));
		expect(first.voters.size).toBe(voters.length);

		// Past the short cache, the same frozen roll keeps the very same voter map.
		const later = (await votingContext(db(), a.id, t + 60_000))!;
		expect(later.voters).toBe(first.voters);

		// A different frozen roll (and one voter fewer) is read again.
		await db().delete(assemblyVoter).where(eq(assemblyVoter.ownerId, voters[0].ownerId));
		await db()
			.update(assembly)
			.set({ rollJson: row.rollJson + ' ' })
			.where(eq(assembly.id, a.id));
		const refrozen = (await votingContext(db(), a.id, t + 120_000))!;
		expect(refrozen.voters).not.toBe(first.voters);
		expect(refrozen.voters.size).toBe(voters.length - 1);
		expect(refrozen.assembly.rollDigest).toBe(md5(row.rollJson + ' '));
		forgetVotingContext(a.id);
	});

	it('signs a checkpoint when the tree grew and none when it did not', async () => {
		const a = await announcedAssembly(db(), { id: 'asm-cp' });
		expect((await openAssembly(db(), a.id, a.staffId)).ok).toBe(true);
		const made = await makeCheckpoint(db(), a.id);
		expect(made?.treeSize).toBe(1);
		expect(await makeCheckpoint(db(), a.id)).toBeNull();
	});
});
