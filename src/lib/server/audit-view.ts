import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import {
	auditActionName,
	auditDetail,
	auditObjectName,
	type AuditLine,
	type AuditObject,
	type AuditVetting
} from '../audit-words';
import { translator, type Locale } from '../i18n';
import { beijingTime } from '../time';
import { toCsv } from './csv';
import { parsePage } from './paging';
import { maskName } from '../domain/roll/mask';
import { verifyAuditChain } from './audit';
import type { Executor } from './db/client';
import {
	account,
	assembly,
	assemblyDocument,
	assemblyItem,
	auditLog,
	building,
	candidate,
	owner,
	place,
	unit
} from './db/schema';

/**
 * Every action the code base writes to the audit trail. Each has a name in both languages under
 * `audit:actions.<code>` (a unit test checks this list against the source and the locale files).
 */
export const AUDIT_ACTIONS = [
	'place.create',
	'account.create',
	'account.rename',
	'account.disable',
	'account.enable',
	'account.resetTotp',
	'account.totp.enable',
	'account.password.change',
	'account.passwordReset.issue',
	'account.passwordReset.redeem',
	'passkey.add',
	'passkey.remove',
	'street.keyRegistered',
	'assembly.create',
	'assembly.update',
	'assembly.file',
	'assembly.approve',
	'assembly.return',
	'assembly.cancel',
	'assembly.open',
	'assembly.close',
	'assembly.count',
	'assembly.publish',
	'assembly.countersign',
	'assembly.scrutineerNamed',
	'assembly.scrutineerRemoved',
	'assembly.item.add',
	'assembly.item.remove',
	'assembly.candidate.nominate',
	'assembly.candidate.remove',
	'assembly.candidate.vet',
	'assembly.document.add',
	'assembly.document.remove',
	'checkpoint.cosign',
	'owner.update',
	'unit.update',
	'estate.ruleSet',
	'roll.import',
	'roll.countedKinds',
	'roll.published',
	'roll.publicationWithdrawn',
	'roll.frozen',
	'objection.filed',
	'objection.answered',
	'registration.requested',
	'registration.approved',
	'registration.rejected',
	'registration.expired',
	'registration.verified',
	'registration.inPerson',
	'registration.letters',
	'result.announced',
	'result.confirmed',
	'result.objectionFiled',
	'result.objectionAnswered',
	'result.recount',
	'proxy.authorise',
	'proxy.verify',
	'proxy.reject',
	'proxy.revoke',
	'proxy.vote',
	'proxy.claim',
	'proxy.reissue',
	'paper.print',
	'paper.lateRule',
	'paper.attach',
	'paper.enter',
	'paper.mismatch',
	'paper.append',
	'meeting.checkin',
	'meeting.openItem',
	'meeting.closeItem',
	'minutes.generate',
	'turnout.exportNotVoted'
] as const;

/** What kind of thing an id names, from its prefix (see `newId`), for ids without a name to show. */
const KIND_BY_PREFIX: Record<string, string> = {
	rr: 'registrationRequest',
	obj: 'objection',
	robj: 'objection',
	pub: 'publication',
	pb: 'paperBallot',
	pa: 'proxy',
	px: 'proxy',
	pwr: 'passwordReset',
	scr: 'scrutineer',
	rc: 'recount'
};

export interface AuditFilter {
	action?: string;
	actorId?: string;
	/** Beijing calendar days "2026-03-01", both inclusive. */
	from?: string;
	to?: string;
}

export interface AuditViewEvent {
	seq: number;
	at: Date;
	action: string;
	actor: string | null;
	object: AuditObject;
	/** A vetting decision, for `assembly.candidate.vet`. */
	vetting?: AuditVetting;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The UTC moment a Beijing calendar day starts ("2026-03-01" → 2026-02-28T16:00Z). */
function beijingDayStart(day: string): Date | null {
	if (!DAY.test(day)) return null;
	const d = new Date(`${day}T00:00:00+08:00`);
	return Number.isNaN(d.getTime()) ? null : d;
}

/** Reads a filter from query parameters; unknown actions and malformed dates are dropped. */
export function parseAuditFilter(params: URLSearchParams): AuditFilter {
	const f: AuditFilter = {};
	const action = params.get('action') ?? '';
	if ((AUDIT_ACTIONS as readonly string[]).includes(action)) f.action = action;
	const actor = params.get('actor') ?? '';
	if (/^[A-Za-z0-9_-]{1,64}$/.test(actor)) f.actorId = actor;
	for (const k of ['from', 'to'] as const) {
		const v = params.get(k) ?? '';
		if (beijingDayStart(v)) f[k] = v;
	}
	return f;
}

function where(scope: string, f: AuditFilter): SQL {
	const parts: SQL[] = [eq(auditLog.scope, scope)];
	if (f.action) parts.push(eq(auditLog.action, f.action));
	if (f.actorId) parts.push(eq(auditLog.actorId, f.actorId));
	const from = f.from && beijingDayStart(f.from);
	if (from) parts.push(gte(auditLog.at, from));
	const to = f.to && beijingDayStart(f.to);
	if (to) parts.push(lt(auditLog.at, new Date(to.getTime() + 24 * 3600_000)));
	return and(...parts)!;
}

/** Names for the subjects of some events: assemblies, accounts, places, units, owners and parts. */
async function nameSubjects(
	db: Executor,
	rows: { action: string; subject: string }[]
): Promise<Map<string, AuditObject>> {
	const heads = [...new Set(rows.map((r) => r.subject.split('/')[0]))];
	const names = new Map<string, string>();
	if (heads.length) {
		const found = await Promise.all([
			db
				.select({ id: assembly.id, name: assembly.title })
				.from(assembly)
				.where(inArray(assembly.id, heads)),
			db
				.select({ id: account.id, name: account.displayName })
				.from(account)
				.where(inArray(account.id, heads)),
			db.select({ id: place.id, name: place.name }).from(place).where(inArray(place.id, heads)),
			db
				.select({ id: building.id, name: building.name })
				.from(building)
				.where(inArray(building.id, heads)),
			db
				.select({ id: unit.id, name: sql<string>`${building.name} || ' ' || ${unit.label}` })
				.from(unit)
				.innerJoin(building, eq(building.id, unit.buildingId))
				.where(inArray(unit.id, heads)),
			db
				.select({ id: owner.id, name: owner.name })
				.from(owner)
				.where(inArray(owner.id, heads))
				.then((r) => r.map((o) => ({ id: o.id, name: maskName(o.name) })))
		]);
		for (const list of found) for (const r of list) if (!names.has(r.id)) names.set(r.id, r.name);
	}
	// Parts of assemblies: items and candidates by key, documents by id.
	const parts = rows
		.map((r) => ({ action: r.action, pair: r.subject.split('/') }))
		.filter((r) => r.pair.length === 2);
	const partNames = new Map<string, string>();
	const pairs = (kind: string) => parts.filter((p) => p.action.includes(kind)).map((p) => p.pair);
	const byKey = (t: typeof assemblyItem | typeof candidate, ps: string[][]) =>
		or(...ps.map(([a, k]) => and(eq(t.assemblyId, a), eq(t.key, k))));
	const items = pairs('.item.');
	if (items.length)
		for (const r of await db
			.select({ a: assemblyItem.assemblyId, k: assemblyItem.key, name: assemblyItem.title })
			.from(assemblyItem)
			.where(byKey(assemblyItem, items)))
			partNames.set(`${r.a}/${r.k}`, r.name);
	const cands = pairs('.candidate.');
	if (cands.length)
		for (const r of await db
			.select({ a: candidate.assemblyId, k: candidate.key, name: candidate.name })
			.from(candidate)
			.where(byKey(candidate, cands)))
			partNames.set(`${r.a}/${r.k}`, r.name);
	const docs = pairs('.document.').map((p) => p[1]);
	if (docs.length)
		for (const r of await db
			.select({
				a: assemblyDocument.assemblyId,
				id: assemblyDocument.id,
				name: assemblyDocument.filename
			})
			.from(assemblyDocument)
			.where(inArray(assemblyDocument.id, docs)))
			partNames.set(`${r.a}/${r.id}`, r.name);

	const out = new Map<string, AuditObject>();
	for (const r of rows) {
		const [head, tail] = r.subject.split('/');
		const name = names.get(head);
		const prefix = head.split('_')[0];
		const obj: AuditObject = name ? { name } : { kind: KIND_BY_PREFIX[prefix] ?? 'record' };
		if (tail !== undefined) {
			const part = partNames.get(r.subject);
			obj.part = part ?? (r.action.includes('.document.') ? undefined : tail);
		}
		out.set(r.subject, obj);
	}
	return out;
}

function vettingOf(body: string): AuditViewEvent['vetting'] {
	try {
		const after = (JSON.parse(body) as { after?: { vetting?: string; reason?: string | null } })
			.after;
		const d = after?.vetting;
		if (d === 'approved' || d === 'rejected' || d === 'pending')
			return { decision: d, reason: after?.reason ?? null };
	} catch {
		// a stored body is canonical JSON; nothing to show otherwise
	}
	return undefined;
}

async function rowsOf(
	db: Executor,
	scope: string,
	filter: AuditFilter,
	limit: number,
	offset: number
): Promise<AuditViewEvent[]> {
	const rows = await db
		.select({
			seq: auditLog.seq,
			at: auditLog.at,
			action: auditLog.action,
			subject: auditLog.subject,
			body: auditLog.body,
			actor: account.displayName
		})
		.from(auditLog)
		.leftJoin(account, eq(account.id, auditLog.actorId))
		.where(where(scope, filter))
		.orderBy(desc(auditLog.seq))
		.limit(limit)
		.offset(offset);
	const objects = await nameSubjects(db, rows);
	return rows.map((r) => ({
		seq: r.seq,
		at: r.at,
		action: r.action,
		actor: r.actor,
		object: objects.get(r.subject)!,
		...(r.action === 'assembly.candidate.vet' ? { vetting: vettingOf(r.body) } : {})
	}));
}

/**
 * One page of a scope's audit trail (an estate, or "platform"), newest first, filtered, with names
 * for actors and objects, the choices for the filter and the chain check.
 */
export async function auditView(
	db: Executor,
	scope: string,
	opts: { page: number; filter?: AuditFilter; pageSize?: number }
) {
	const filter = opts.filter ?? {};
	const pageSize = opts.pageSize ?? 50;
	const [{ n }] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(auditLog)
		.where(where(scope, filter));
	const [events, actions, actors, check] = await Promise.all([
		rowsOf(db, scope, filter, pageSize, (opts.page - 1) * pageSize),
		db
			.selectDistinct({ action: auditLog.action })
			.from(auditLog)
			.where(eq(auditLog.scope, scope))
			.orderBy(asc(auditLog.action))
			.then((r) => r.map((x) => x.action)),
		db
			.selectDistinct({ id: account.id, name: account.displayName })
			.from(auditLog)
			.innerJoin(account, eq(account.id, auditLog.actorId))
			.where(eq(auditLog.scope, scope))
			.orderBy(asc(account.displayName)),
		verifyAuditChain(db, scope)
	]);
	return {
		total: n,
		pages: Math.max(1, Math.ceil(n / pageSize)),
		events,
		filter,
		choices: { actions, actors },
		check
	};
}

/** Every event matching the filter (for the CSV export), newest first; at most `limit`. */
export function auditEvents(db: Executor, scope: string, filter: AuditFilter, limit = 100_000) {
	return rowsOf(db, scope, filter, limit, 0);
}

/** The data an audit page hands to `AuditTrail`: one page, filtered by the query, times formatted. */
export async function auditPageData(db: Executor, scope: string, url: URL, locale: Locale) {
	const page = parsePage(url.searchParams.get('page'));
	const v = await auditView(db, scope, { page, filter: parseAuditFilter(url.searchParams) });
	return {
		...v,
		page,
		events: v.events.map((e): AuditLine => ({ ...e, at: beijingTime(e.at, locale) }))
	};
}

/** The filtered trail as a formula-safe CSV in the reader's language, with the same words. */
export async function auditCsv(db: Executor, scope: string, url: URL, locale: Locale) {
	const t = translator(locale);
	const events = await auditEvents(db, scope, parseAuditFilter(url.searchParams));
	return toCsv(
		['seq', 'time', 'actor', 'action', 'object', 'detail'].map((k) => t(`audit:csv.${k}`)),
		events.map((e) => [
			e.seq,
			beijingTime(e.at, locale),
			e.actor ?? t('audit:system'),
			auditActionName(t, e.action),
			auditObjectName(t, e.object),
			auditDetail(t, e)
		])
	);
}
