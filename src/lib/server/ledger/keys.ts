import { publicKeyOf } from '../../domain/signature';
import type { Executor } from '../db/client';
import { loadSecret } from '../secrets';

/** The platform's Ed25519 key (GONGYI_SIGNING_KEY, or generated once for a demo install). */
export async function platformKey(
	db: Executor
): Promise<{ secretKey: Uint8Array; publicKey: string }> {
	const secretKey = await loadSecret(db, 'platform-ed25519', 'GONGYI_SIGNING_KEY');
	return { secretKey, publicKey: publicKeyOf(secretKey) };
}

/** The name under which checkpoints are signed and their origin line: the public host. */
export function logName(): string {
	const origin = process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
	return new URL(origin).host;
}

export function checkpointOrigin(assemblyId: string): string {
	return `${logName()}/assemblies/${assemblyId}`;
}
