import { and, eq, inArray, isNull, like, notExists, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import {
	assembly,
	headSignature,
	place,
	resultObjection,
	resultObjectionRead,
	rollObjection
} from '../db/schema';
import { listForOversight } from '../assemblies/queries';
import { currentPublication } from '../publication/state';

export interface WaitingItem {
	kind: 'review' | 'vet' | 'countersign' | 'objections';
	assemblyId: string;
	title: string;
	estateName: string;
	count: number;
}

/**
 * What waits for one oversight account under `path`: filings to review, candidates to vet,
 * results to countersign, and result objections this account has not read yet.
 */
export async function waitingFor(db: Executor, path: string, accountId: string) {
	const assemblies = await listForOversight(db, path);
	const items: WaitingItem[] = [];
	const base = (a: (typeof assemblies)[number]) => ({
		assemblyId: a.id,
		title: a.title,
		estateName: a.estateName
	});
	for (const a of assemblies) {
		if (a.state === 'filed') items.push({ kind: 'review', ...base(a), count: 1 });
		if (['draft', 'returned', 'filed'].includes(a.state) && a.pendingCandidates > 0)
			items.push({ kind: 'vet', ...base(a), count: a.pendingCandidates });
	}
	const ids = assemblies.filter((a) => ['counted', 'published'].includes(a.state)).map((a) => a.id);
	if (ids.length) {
		const unsigned = await db
			.select({ id: assembly.id })
			.from(assembly)
			.where(
				and(
					inArray(assembly.id, ids),
					notExists(
						db
							.select({ x: sql`1` })
							.from(headSignature)
							.where(and(eq(headSignature.assemblyId, assembly.id), eq(headSignature.by, 'street')))
					)
				)
			);
		for (const u of unsigned) {
			const a = assemblies.find((x) => x.id === u.id)!;
			items.push({ kind: 'countersign', ...base(a), count: 1 });
		}
		const unread = await db
			.select({ id: resultObjection.assemblyId, n: sql<number>`count(*)::int` })
			.from(resultObjection)
			.leftJoin(
				resultObjectionRead,
				and(
					eq(resultObjectionRead.objectionId, resultObjection.id),
					eq(resultObjectionRead.accountId, accountId)
				)
			)
			.where(and(inArray(resultObjection.assemblyId, ids), isNull(resultObjectionRead.objectionId)))
			.groupBy(resultObjection.assemblyId);
		for (const u of unread) {
			const a = assemblies.find((x) => x.id === u.id)!;
			items.push({ kind: 'objections', ...base(a), count: u.n });
		}
	}
	const totals = { review: 0, vet: 0, countersign: 0, objections: 0 };
	for (const i of items) totals[i.kind] += i.count;
	return { items, totals };
}

/** Every estate under `path` with its roll state and its assemblies counted by state. */
export async function estatesOverview(db: Executor, path: string) {
	const estates = await db
		.select({ id: place.id, name: place.name })
		.from(place)
		.where(and(eq(place.kind, 'estate'), like(place.path, `${path}%`)))
		.orderBy(place.name);
	const assemblies = await listForOversight(db, path);
	return Promise.all(
		estates.map(async (e) => {
			const pub = await currentPublication(db, e.id);
			const [{ n }] = pub
				? await db
						.select({ n: sql<number>`count(*)::int` })
						.from(rollObjection)
						.where(and(eq(rollObjection.publicationId, pub.id), eq(rollObjection.state, 'open')))
				: [{ n: 0 }];
			const byState: Record<string, number> = {};
			for (const a of assemblies.filter((x) => x.estateId === e.id))
				byState[a.state] = (byState[a.state] ?? 0) + 1;
			return {
				id: e.id,
				name: e.name,
				roll: pub ? (pub.state as 'published' | 'frozen') : ('none' as const),
				rollObjections: n,
				byState
			};
		})
	);
}
