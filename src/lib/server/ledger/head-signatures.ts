import { eq } from 'drizzle-orm';
import type { Signature } from '../../domain/record/types';
import type { Executor } from '../db/client';
import { headSignature } from '../db/schema';

/** The platform's and (once given) the street's Ed25519 signatures over an assembly's result head. */
export async function headSignatures(db: Executor, assemblyId: string): Promise<Signature[]> {
	const rows = await db
		.select({
			by: headSignature.by,
			publicKey: headSignature.publicKey,
			signature: headSignature.signature
		})
		.from(headSignature)
		.where(eq(headSignature.assemblyId, assemblyId))
		.orderBy(headSignature.by);
	return rows.map((s) => ({ ...s, alg: 'ed25519' as const }));
}
