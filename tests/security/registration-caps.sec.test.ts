import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordFailure } from '../../src/lib/server/auth/throttle';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import {
	estateDayLimit,
	MAX_ESTATE_PHOTO_BYTES,
	registerSelf
} from '../../src/lib/server/registration/self';
import { translator } from '../../src/lib/i18n';
import { describeEngines, queryRows } from '../int/engines';

let uploads: string;
const saved = process.env.GONGYI_UPLOADS;
beforeAll(() => {
	uploads = mkdtempSync(join(tmpdir(), 'gongyi-regcaps-'));
	process.env.GONGYI_UPLOADS = uploads;
});
afterAll(() => {
	if (saved === undefined) delete process.env.GONGYI_UPLOADS;
	else process.env.GONGYI_UPLOADS = saved;
	rmSync(uploads, { recursive: true, force: true });
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72]);
const input = (login: string) => ({
	name: '张三',
	idLast4: '1234',
	login,
	password: 'longenough1',
	estateId: 'e-jinse',
	buildingId: 'e-jinse-b1',
	unitLabel: '101',
	certificate: PNG
});
const requests = async (db: Parameters<typeof queryRows>[0]) =>
	(
		await queryRows<{ n: number }>(
			db,
			sql`select count(*)::int as n from registration_request where estate_id = 'e-jinse'`
		)
	)[0].n;

describeEngines('#18 self-registration caps', (db) => {
	it('per estate and day across addresses, and by the photos the estate holds', async () => {
		await seedDemoIfEmpty(db());
		const now = new Date();
		expect((await registerSelf(db(), input('selfa1'), '9.0.0.1', now)).ok).toBe(true);
		// The estate's day fills up from many addresses (each under its own per-address limit).
		const limit = estateDayLimit('e-jinse');
		for (let i = 1; i < limit.max; i++) await recordFailure(db(), [limit], now);
		expect(await registerSelf(db(), input('selfa2'), '9.0.0.2', now)).toEqual({
			ok: false,
			code: 'registration.dailyCap'
		});
		expect(translator('zh')('registration:registration.dailyCap')).toBe(
			'今天本小区在线登记的人数已满，请明天再试，或携带身份证和房产证到筹备组现场登记。'
		);
		// The next day the estate takes registrations again.
		const tomorrow = new Date(now.getTime() + 24 * 60 * 60_000 + 1000);
		expect((await registerSelf(db(), input('selfa3'), '9.0.0.3', tomorrow)).ok).toBe(true);
		expect(await requests(db())).toBe(2);

		// Photos waiting for review fill the estate's share of storage: the next one is refused.
		const dir = join(uploads, 'e-jinse');
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'filler.png'), '');
		truncateSync(join(dir, 'filler.png'), MAX_ESTATE_PHOTO_BYTES);
		expect(await registerSelf(db(), input('selfa4'), '9.0.0.4', tomorrow)).toEqual({
			ok: false,
			code: 'registration.storageFull'
		});
		expect(translator('en')('registration:registration.storageFull')).toBe(
			'This estate already stores as many certificate photos as it may. Please ask the preparatory group to review the waiting ones, or register in person.'
		);
		expect(await requests(db())).toBe(2);
		rmSync(join(dir, 'filler.png'));
	});
});
