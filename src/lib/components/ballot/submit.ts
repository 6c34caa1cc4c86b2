export interface CastReceipt {
	assembly: string;
	seq: number;
	hash: string;
	at: string;
}
export type PostResult =
	{ ok: true; receipt: CastReceipt } | { ok: false; code: string; message?: string };

/** One key per ballot attempt: retrying the same attempt returns its receipt, not a second ballot. */
export function attemptKey(): string {
	// getRandomValues works on plain-HTTP intranet installs too, unlike crypto.randomUUID.
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The same request any client makes: POST /api/assemblies/:id/ballots. */
export async function postBallot(
	assemblyId: string,
	choices: Record<string, string | string[]>,
	key: string
): Promise<PostResult> {
	try {
		const res = await fetch(`/api/assemblies/${encodeURIComponent(assemblyId)}/ballots`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'idempotency-key': key },
			body: JSON.stringify({ choices })
		});
		const body = await res.json().catch(() => null);
		if (res.ok && body) return { ok: true, receipt: body as CastReceipt };
		return { ok: false, code: body?.code ?? 'ballot.network', message: body?.message };
	} catch {
		return { ok: false, code: 'ballot.network' };
	}
}
