import { and, count, eq, inArray, isNull, ne } from 'drizzle-orm';
import { nextStep, type NextStep } from '../../domain/assembly/setup';
import type { Executor } from '../db/client';
import {
	assembly,
	paperRule,
	registrationRequest,
	resultAnnouncement,
	resultObjection,
	rollObjection
} from '../db/schema';

/** Steps staff must take now first, then the ones that wait for a date or for others. */
const URGENCY: NextStep[] = [
	'close',
	'count',
	'publish',
	'open',
	'prepare',
	'voting',
	'announcing',
	'awaitReview',
	'awaitOpen',
	'done'
];

export interface EstateTodo {
	registrations: number;
	rollObjections: number;
	resultObjections: { assemblyId: string; count: number }[];
	assemblies: {
		id: string;
		title: string;
		state: string;
		form: 'written' | 'meeting';
		opensAt: Date;
		closesAt: Date;
		next: NextStep;
	}[];
}

/**
 * What waits for the staff of an estate: registrations to review, roll and result objections to
 * answer, and each assembly that is not finished with its next step (cancelled ones and
 * published ones past their announcement are left out).
 */
export async function estateTodo(
	db: Executor,
	estateId: string,
	now = new Date()
): Promise<EstateTodo> {
	const [[reg], [roll], objections, rows] = await Promise.all([
		db
			.select({ n: count() })
			.from(registrationRequest)
			.where(
				and(eq(registrationRequest.estateId, estateId), eq(registrationRequest.state, 'pending'))
			),
		db
			.select({ n: count() })
			.from(rollObjection)
			.where(and(eq(rollObjection.estateId, estateId), eq(rollObjection.state, 'open'))),
		db
			.select({ assemblyId: resultObjection.assemblyId, n: count() })
			.from(resultObjection)
			.where(and(eq(resultObjection.estateId, estateId), eq(resultObjection.state, 'open')))
			.groupBy(resultObjection.assemblyId),
		db
			.select({
				id: assembly.id,
				title: assembly.title,
				state: assembly.state,
				form: assembly.form,
				opensAt: assembly.opensAt,
				closesAt: assembly.closesAt,
				late: paperRule.lateMinutes
			})
			.from(assembly)
			.leftJoin(paperRule, eq(paperRule.assemblyId, assembly.id))
			.where(and(eq(assembly.estateId, estateId), ne(assembly.state, 'cancelled')))
			.orderBy(assembly.opensAt)
	]);
	const withObjections = new Set(objections.map((o) => o.assemblyId));
	const announcing = rows.filter((r) => r.state === 'published').map((r) => r.id);
	const running = announcing.length
		? await db
				.select({ id: resultAnnouncement.assemblyId })
				.from(resultAnnouncement)
				.where(
					and(
						inArray(resultAnnouncement.assemblyId, announcing),
						isNull(resultAnnouncement.confirmedAt)
					)
				)
		: [];
	const stillAnnouncing = new Set(running.map((r) => r.id));
	return {
		registrations: Number(reg.n),
		rollObjections: Number(roll.n),
		resultObjections: objections.map((o) => ({ assemblyId: o.assemblyId, count: Number(o.n) })),
		assemblies: rows
			.filter(
				(r) => r.state !== 'published' || stillAnnouncing.has(r.id) || withObjections.has(r.id)
			)
			.map(({ late, ...r }) => ({ ...r, next: nextStep(r, now, late ?? 0) }))
			.sort((x, y) => URGENCY.indexOf(x.next) - URGENCY.indexOf(y.next))
	};
}
