import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { choicesProblem, indexItems } from '../../domain/counting/choice';
import { canonicalJson } from '../../domain/record/canonical';
import type { Db } from '../db/client';
import { lockKey } from '../db/lock-key';
import { account, estateSetting, proxyAuthorisation } from '../db/schema';
import { appendAudit } from '../audit';
import { newId } from '../ids';
import { getAssembly, recordItems } from '../ledger/parts';
import { sniffScan } from '../paper/attach';
import { paperOwners } from '../paper/roll';
import { createNamedProxy, readNamed, type NamedCode } from './named';
import {
	MAX_UPLOAD_BYTES,
	removeUpload,
	saveUpload,
	type ImageKind
} from '../registration/uploads';

export type AuthoriseCode =
	| 'proxy.notFound'
	| 'proxy.state'
	| 'proxy.notOnRoll'
	| 'proxy.noAccount'
	| 'proxy.self'
	| 'proxy.limit'
	| 'proxy.exists'
	| 'proxy.invalidChoice'
	| NamedCode
	| 'upload.missing'
	| 'upload.size'
	| 'upload.type';
/** `code`: for a named proxy without an account, the registration code the owner hands over. */
export type AuthoriseResult =
	{ ok: true; id: string; code?: string } | { ok: false; code: AuthoriseCode };

/** States an authorisation counts in: towards the proxy's limit and as the owner's live one. */
export const LIVE = ['pending', 'verified', 'used'] as const;

export async function proxyMaxOf(db: Db, estateId: string): Promise<number> {
	const [s] = await db
		.select({ n: estateSetting.proxyMax })
		.from(estateSetting)
		.where(eq(estateSetting.estateId, estateId));
	return s?.n ?? 3;
}

export interface AuthoriseInput {
	assemblyId: string;
	ownerId: string;
	/** The owner's account (or staff entering it for them). */
	actorId: string;
	/** A registered proxy's login; or `named`, a person who registers as proxy afterwards. */
	proxyLogin: string;
	named?: { name: string; phone: string } | null;
	/** Item id → choice the proxy must cast; items not named are left to the proxy. */
	directed: unknown;
	bytes: Uint8Array | null;
}

/**
 * An owner authorises a registered person as proxy for one assembly (书面委托), with the signed
 * authorisation uploaded for staff to verify — or a named person (name, phone) who registers as
 * proxy with the code returned here. A proxy represents at most N owners (estate setting).
 */
export async function authoriseProxy(
	db: Db,
	input: AuthoriseInput,
	now = new Date()
): Promise<AuthoriseResult> {
	const a = await getAssembly(db, input.assemblyId);
	if (!a) return { ok: false, code: 'proxy.notFound' };
	if (a.state !== 'announced' && a.state !== 'open') return { ok: false, code: 'proxy.state' };
	if (!(await paperOwners(db, a, { ownerIds: [input.ownerId] })).length)
		return { ok: false, code: 'proxy.notOnRoll' };
	const named = input.named ? readNamed(input.named.name, input.named.phone) : null;
	if (named && !named.ok) return named;
	const [registered] = named
		? [null]
		: await db
				.select({ id: account.id, ownerId: account.ownerId })
				.from(account)
				.where(eq(account.login, input.proxyLogin.trim().toLowerCase()));
	if (!named && !registered) return { ok: false, code: 'proxy.noAccount' };
	if (registered?.ownerId === input.ownerId) return { ok: false, code: 'proxy.self' };
	const items = await recordItems(db, a.id);
	if (choicesProblem(input.directed, indexItems(items)))
		return { ok: false, code: 'proxy.invalidChoice' };
	const b = input.bytes;
	if (!b?.length) return { ok: false, code: 'upload.missing' };
	if (b.length > MAX_UPLOAD_BYTES) return { ok: false, code: 'upload.size' };
	const kind = sniffScan(b);
	if (!kind) return { ok: false, code: 'upload.type' };
	const max = await proxyMaxOf(db, a.estateId);
	const sha256 = createHash('sha256').update(b).digest('hex');
	const path = await saveUpload(a.estateId, b, kind as ImageKind);
	try {
		const r = await db.transaction(async (tx): Promise<AuthoriseResult> => {
			// Serialise authorisations naming this proxy, so the limit holds under concurrency.
			// A named proxy's placeholder is new, so only a registered proxy can reach the limit.
			if (registered) await lockKey(tx, `proxy:${a.id}:${registered.id}`);
			const live = await tx
				.select({ ownerId: proxyAuthorisation.ownerId, proxy: proxyAuthorisation.proxyAccountId })
				.from(proxyAuthorisation)
				.where(
					and(eq(proxyAuthorisation.assemblyId, a.id), inArray(proxyAuthorisation.state, [...LIVE]))
				);
			if (live.some((l) => l.ownerId === input.ownerId)) return { ok: false, code: 'proxy.exists' };
			if (registered && live.filter((l) => l.proxy === registered.id).length >= max)
				return { ok: false, code: 'proxy.limit' };
			const invite = named?.ok ? await createNamedProxy(tx, named, input.actorId) : null;
			const proxy = { id: registered?.id ?? invite!.accountId };
			const id = newId('px');
			await tx.insert(proxyAuthorisation).values({
				id,
				assemblyId: a.id,
				ownerId: input.ownerId,
				proxyAccountId: proxy.id,
				directed: canonicalJson(input.directed),
				documentPath: path,
				documentType: kind.type,
				documentSha256: sha256,
				createdBy: input.actorId
			});
			await appendAudit(
				tx,
				{
					scope: a.estateId,
					actorId: input.actorId,
					action: 'proxy.authorise',
					subject: id,
					after: {
						assembly: a.id,
						proxy: proxy.id,
						named: !!invite,
						sha256,
						directedItems: Object.keys(input.directed as object)
					}
				},
				now
			);
			return invite ? { ok: true, id, code: invite.code } : { ok: true, id };
		});
		if (!r.ok) await removeUpload(path);
		return r;
	} catch (e) {
		await removeUpload(path);
		throw e;
	}
}
