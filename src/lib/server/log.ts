/**
 * What an error log line may say: its class, its database code and a message cut before anything
 * that can carry values. Drizzle's "Failed query" message lists the query parameters (ballot
 * choices next to an account id), PostgreSQL's detail repeats key values: neither is logged.
 */
export function redactError(error: unknown): string {
	const seen = new Set<unknown>();
	const parts: string[] = [];
	let e: unknown = error;
	while (e && typeof e === 'object' && !seen.has(e) && parts.length < 4) {
		seen.add(e);
		const o = e as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
		const name = typeof o.name === 'string' ? o.name : 'Error';
		const code = typeof o.code === 'string' || typeof o.code === 'number' ? ` ${o.code}` : '';
		parts.push(`${name}${code}: ${redactMessage(String(o.message ?? ''))}`);
		e = o.cause;
	}
	if (!parts.length) parts.push(`${typeof error}`);
	return parts.join(' <- ');
}

function redactMessage(message: string): string {
	const firstLine = message.split('\n')[0];
	// "Failed query: <sql>" — keep that a query failed, not the query text or its values.
	const text = firstLine.startsWith('Failed query') ? 'Failed query' : firstLine;
	return text
		.replace(/'[^']*'|"[^"]*"/g, '…')
		.replace(/\d{4,}/g, '#')
		.slice(0, 200);
}
