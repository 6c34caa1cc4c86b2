import type { ItemIndex } from '../domain/counting/choice';

/**
 * Request bodies outside the upload routes are small forms and JSON: this bound stops a client
 * from making the server buffer and parse megabytes there (adapter-node's BODY_SIZE_LIMIT, 25 MB,
 * is global and stays for the upload routes below).
 */
export const SMALL_BODY_BYTES = 256 * 1024;

/**
 * Route ids whose actions take a file (registration photos, assembly documents, paper ballot
 * scans, roll files, objection evidence, proxy documents): only these may send up to the global
 * limit.
 */
export const UPLOAD_ROUTES: ReadonlySet<string> = new Set([
	'/register',
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]',
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/paper',
	'/(staff)/staff/estates/[estateId]/roll',
	'/(owner)/owner/assemblies/[assemblyId]',
	'/(owner)/owner/assemblies/[assemblyId]/proxy'
]);

/** Routes that bound their own body more tightly, answering in their own format. */
const SELF_LIMITED: ReadonlySet<string> = new Set(['/api/assemblies/[assemblyId]/ballots']);

/**
 * The body limit the request hook applies to a route: none for upload routes (the global limit)
 * and self-limited ones, SMALL_BODY_BYTES elsewhere (unknown routes included).
 */
export function bodyLimitOf(routeId: string | null): number | null {
	if (routeId !== null && (UPLOAD_ROUTES.has(routeId) || SELF_LIMITED.has(routeId))) return null;
	return SMALL_BODY_BYTES;
}

/**
 * Headers of a 413 answer: the server closes the connection once it is sent, so the rest of the
 * refused body is never read and the connection is not reused with a half-read request on it.
 */
export const TOO_LARGE_HEADERS = { connection: 'close' } as const;

export type CappedBody = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false };

/**
 * Reads a request body, giving up as soon as it passes `max` bytes: before reading anything when
 * Content-Length already says so, else while streaming (a chunked body has no length).
 */
export async function readCapped(request: Request, max: number): Promise<CappedBody> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	// A refused body is left unread, not cancelled: under adapter-node cancelling destroys the
	// socket, and the client would see a reset instead of the answer. The answer closes the
	// connection instead (TOO_LARGE_HEADERS).
	if (Number.isFinite(declared) && declared > max) return { ok: false };
	if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > max) {
			reader.releaseLock();
			return { ok: false };
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) {
		bytes.set(c, at);
		at += c.byteLength;
	}
	return { ok: true, bytes };
}

/**
 * The largest honest ballot body of an assembly, in bytes: every item answered with the longest
 * choice, every election with as many of its longest candidate ids as it has seats, each string
 * allowed the \uXXXX escaping of all its characters, plus room for the `{"choices":…}` wrapper,
 * then doubled for whitespace. A few KB for a real assembly; anything longer is refused before it is parsed.
 */
export function ballotBodyLimit(index: ItemIndex): number {
	let bytes = 512;
	for (const [id, item] of index.items) {
		bytes += id.length * 6 + 8;
		if (item.type === 'election') {
			const longest = Math.max(
				'spoiled'.length,
				...[...(index.candidates.get(id) ?? [])].map((c) => c.length)
			);
			bytes += Math.max(item.seats, 1) * (longest * 6 + 4) + 4;
		} else bytes += 'abstain'.length + 4;
	}
	return bytes * 2;
}
