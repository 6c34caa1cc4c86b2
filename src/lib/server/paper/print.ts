import { and, eq, inArray } from 'drizzle-orm';
import { ruleText } from '$lib/i18n/rules';
import { translator } from '$lib/i18n';
import { beijingTime } from '$lib/time';
import type { Db } from '../db/client';
import { building, paperBallot, place } from '../db/schema';
import { appendAudit } from '../audit';
import { newId } from '../ids';
import { getAssembly, recordItems } from '../ledger/parts';
import { renderPaperBallots, renderSignInSheet, type PaperBallotSheet } from '../pdf/paper-ballot';
import { personalDataHasher } from '../secrets';
import { ballotQrData, newBallotCode } from './codes';
import { paperOwners } from './roll';

export type PrintCode = 'paper.notFound' | 'paper.state' | 'paper.building' | 'paper.none';
export type PrintResult =
	| { ok: true; pdf: Uint8Array; count: number; codes: { ownerId: string; code: string }[] }
	| { ok: false; code: PrintCode };

/** Paper ballots can be printed once the items are final (announced) and while voting is open. */
const PRINTABLE = new Set(['announced', 'open']);

async function sheetOf(db: Db, a: NonNullable<Awaited<ReturnType<typeof getAssembly>>>) {
	const t = translator('zh');
	const [{ name: estateName }] = await db
		.select({ name: place.name })
		.from(place)
		.where(eq(place.id, a.estateId));
	const items = await recordItems(db, a.id);
	const sheet: PaperBallotSheet = {
		estateName,
		title: a.title,
		window: `${beijingTime(a.opensAt)} 至 ${beijingTime(a.closesAt)}（北京时间）`,
		items: items.map((i) => ({ ...i, rule: ruleText(t, i) })),
		notes: [
			t(a.revote === 'last' ? 'assembly:rules.revoteLast' : 'assembly:rules.revoteFirst'),
			t('paper:print.onlinePrevails')
		]
	};
	return sheet;
}

async function checkBuilding(db: Db, estateId: string, buildingId: string | null) {
	if (!buildingId) return true;
	const [b] = await db
		.select({ id: building.id })
		.from(building)
		.where(and(eq(building.id, buildingId), eq(building.estateId, estateId)));
	return !!b;
}

/**
 * Personalised ballots for the estate, one building or one owner: a fresh single-use code for
 * each (only its HMAC is stored), the owner's earlier unused paper ballots voided. Rendered inside
 * the transaction, so a failed render issues nothing.
 */
export async function printPaperBallots(
	db: Db,
	actorId: string,
	assemblyId: string,
	opts: {
		buildingId?: string | null;
		ownerIds?: string[];
		/** The demo's story time. */
		now?: Date;
	} = {}
): Promise<PrintResult> {
	const a = await getAssembly(db, assemblyId);
	if (!a) return { ok: false, code: 'paper.notFound' };
	if (!PRINTABLE.has(a.state)) return { ok: false, code: 'paper.state' };
	if (!(await checkBuilding(db, a.estateId, opts.buildingId ?? null)))
		return { ok: false, code: 'paper.building' };
	const sheet = await sheetOf(db, a);
	const hash = await personalDataHasher(db);
	return db.transaction(async (tx): Promise<PrintResult> => {
		const owners = await paperOwners(tx, a, {
			buildingId: opts.buildingId,
			ownerIds: opts.ownerIds
		});
		if (!owners.length) return { ok: false, code: 'paper.none' };
		const ids = owners.map((o) => o.ownerId);
		await tx
			.update(paperBallot)
			.set({ state: 'void' })
			.where(
				and(
					eq(paperBallot.assemblyId, a.id),
					inArray(paperBallot.ownerId, ids),
					inArray(paperBallot.state, ['issued'])
				)
			);
		const copies = owners.map((o) => ({ ...o, ownerName: o.name, code: newBallotCode() }));
		await tx.insert(paperBallot).values(
			copies.map((c) => ({
				id: newId('pb'),
				assemblyId: a.id,
				ownerId: c.ownerId,
				codeHash: hash('paper-ballot\n' + c.code),
				issuedBy: actorId
			}))
		);
		const pdf = await renderPaperBallots(
			sheet,
			copies.map((c) => ({ ...c, qrData: ballotQrData(c.code) }))
		);
		await appendAudit(
			tx,
			{
				scope: a.estateId,
				actorId,
				action: 'paper.print',
				subject: a.id,
				after: { count: copies.length, buildingId: opts.buildingId ?? null }
			},
			opts.now
		);
		return {
			ok: true,
			pdf,
			count: copies.length,
			codes: copies.map((c) => ({ ownerId: c.ownerId, code: c.code }))
		};
	});
}

/** 签到表 of one building or of every building, from the same owners the ballots go to. */
export async function printSignInSheet(
	db: Db,
	assemblyId: string,
	buildingId: string | null
): Promise<PrintResult> {
	const a = await getAssembly(db, assemblyId);
	if (!a) return { ok: false, code: 'paper.notFound' };
	if (!PRINTABLE.has(a.state) && a.state !== 'closed') return { ok: false, code: 'paper.state' };
	if (!(await checkBuilding(db, a.estateId, buildingId)))
		return { ok: false, code: 'paper.building' };
	const owners = await paperOwners(db, a, { buildingId });
	const byBuilding = new Map<
		string,
		{ name: string; rows: Parameters<typeof renderSignInSheet>[1][number]['rows'] }
	>();
	for (const o of owners)
		for (const u of o.units) {
			const b = byBuilding.get(u.building) ?? { name: u.building, rows: [] };
			b.rows.push({
				building: u.building,
				label: u.label,
				ownerName: o.name,
				areaHundredths: u.areaHundredths
			});
			byBuilding.set(u.building, b);
		}
	if (!byBuilding.size) return { ok: false, code: 'paper.none' };
	const sheet = await sheetOf(db, a);
	const buildings = [...byBuilding.values()].sort((x, y) => x.name.localeCompare(y.name, 'zh'));
	for (const b of buildings)
		b.rows.sort((x, y) => x.label.localeCompare(y.label, 'zh', { numeric: true }));
	const pdf = await renderSignInSheet(sheet, buildings);
	return { ok: true, pdf, count: owners.length, codes: [] };
}
