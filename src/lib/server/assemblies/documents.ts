import { and, asc, eq } from 'drizzle-orm';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Db, Executor } from '../db/client';
import { assemblyDocument } from '../db/schema';
import { appendAudit } from '../audit';
import { newId, randomHex } from '../ids';
import { lockForEdit, type Locked } from './access';

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
type Kind = { ext: string; type: string };
export type DocumentError = 'document.missing' | 'document.size' | 'document.type';

const ascii = (b: Uint8Array, from: number, to: number) =>
	String.fromCharCode(...b.subarray(from, to));

/** PDF or image by magic bytes; the file name and the browser's claimed type are not trusted. */
export function sniffDocument(b: Uint8Array): Kind | null {
	if (b.length < 12) return null;
	if (ascii(b, 0, 5) === '%PDF-') return { ext: 'pdf', type: 'application/pdf' };
	if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { ext: 'jpg', type: 'image/jpeg' };
	if (ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return { ext: 'png', type: 'image/png' };
	if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP')
		return { ext: 'webp', type: 'image/webp' };
	return null;
}

/** `${GONGYI_UPLOADS ?? './data/uploads'}`: outside the web root, read back only by a guarded endpoint. */
function uploadsRoot(): string {
	return resolve(process.env.GONGYI_UPLOADS ?? './data/uploads');
}

function absolute(rel: string): string {
	const root = uploadsRoot();
	const abs = resolve(root, rel);
	if (!abs.startsWith(root + '/')) throw new Error(`document path escapes the uploads dir: ${rel}`);
	return abs;
}

/** A readable file name: no path parts or control characters, at most 120 characters. */
function cleanName(name: string, ext: string): string {
	const base = (name.split(/[\\/]/).pop() ?? '')
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f"<>|*?:]/g, '')
		.trim()
		.slice(0, 120);
	return base || `document.${ext}`;
}

export type Document = typeof assemblyDocument.$inferSelect;
export type AddDocumentResult =
	{ ok: true; document: Document } | { ok: false; code: DocumentError | Locked };

/** Staff attach a PDF or image (≤ 20 MB) to a draft or returned assembly. */
export async function addDocument(
	db: Db,
	a: { actorId: string; assemblyId: string; filename: string; bytes: Uint8Array; now?: Date }
): Promise<AddDocumentResult> {
	const now = a.now ?? new Date();
	if (a.bytes.length === 0) return { ok: false, code: 'document.missing' };
	if (a.bytes.length > MAX_DOCUMENT_BYTES) return { ok: false, code: 'document.size' };
	const kind = sniffDocument(a.bytes);
	if (!kind) return { ok: false, code: 'document.type' };
	if (!/^[A-Za-z0-9_-]+$/.test(a.assemblyId)) return { ok: false, code: 'assembly.notFound' };
	const rel = `assemblies/${a.assemblyId}/${randomHex(16)}.${kind.ext}`;
	const abs = absolute(rel);
	await mkdir(dirname(abs), { recursive: true });
	await writeFile(abs, a.bytes, { flag: 'wx', mode: 0o600 });
	try {
		const r = await db.transaction(async (tx) => {
			const locked = await lockForEdit(tx, a.assemblyId, a.actorId);
			if (!locked.ok) return locked;
			const [row] = await tx
				.insert(assemblyDocument)
				.values({
					id: newId('doc'),
					assemblyId: a.assemblyId,
					filename: cleanName(a.filename, kind.ext),
					contentType: kind.type,
					size: a.bytes.length,
					path: rel,
					createdAt: now
				})
				.returning();
			const { path: _p, ...after } = row;
			await appendAudit(
				tx,
				{
					scope: locked.assembly.estateId,
					actorId: a.actorId,
					action: 'assembly.document.add',
					subject: `${a.assemblyId}/${row.id}`,
					after
				},
				now
			);
			return { ok: true, document: row } as const;
		});
		if (!r.ok) await rm(abs, { force: true });
		return r;
	} catch (e) {
		await rm(abs, { force: true });
		throw e;
	}
}

export type RemoveDocumentResult = { ok: true } | { ok: false; code: Locked | 'document.notFound' };

/** Staff remove a document while the assembly can still change; the file goes after the commit. */
export async function removeDocument(
	db: Db,
	a: { actorId: string; assemblyId: string; documentId: string; now?: Date }
): Promise<RemoveDocumentResult> {
	const now = a.now ?? new Date();
	const r = await db.transaction(async (tx) => {
		const locked = await lockForEdit(tx, a.assemblyId, a.actorId);
		if (!locked.ok) return locked;
		const [row] = await tx
			.delete(assemblyDocument)
			.where(
				and(eq(assemblyDocument.assemblyId, a.assemblyId), eq(assemblyDocument.id, a.documentId))
			)
			.returning();
		if (!row) return { ok: false, code: 'document.notFound' } as const;
		const { path: _p, ...before } = row;
		await appendAudit(
			tx,
			{
				scope: locked.assembly.estateId,
				actorId: a.actorId,
				action: 'assembly.document.remove',
				subject: `${a.assemblyId}/${row.id}`,
				before
			},
			now
		);
		return { ok: true, path: row.path } as const;
	});
	if (!r.ok) return r;
	await rm(absolute(r.path), { force: true });
	return { ok: true };
}

export function documentsOf(db: Executor, assemblyId: string) {
	return db
		.select()
		.from(assemblyDocument)
		.where(eq(assemblyDocument.assemblyId, assemblyId))
		.orderBy(asc(assemblyDocument.createdAt));
}

/** A document's row and bytes; the caller has checked who may read it. */
export async function readDocument(db: Executor, assemblyId: string, documentId: string) {
	const [row] = await db
		.select()
		.from(assemblyDocument)
		.where(and(eq(assemblyDocument.assemblyId, assemblyId), eq(assemblyDocument.id, documentId)));
	if (!row) return null;
	return { document: row, bytes: await readFile(absolute(row.path)) };
}
