import { and, asc, eq } from 'drizzle-orm';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog, registrationRequest, unit } from '../../src/lib/server/db/schema';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import {
	expirePendingRequests,
	PENDING_REQUEST_TTL_MS
} from '../../src/lib/server/registration/expiry';
import { listRequests, myRequest } from '../../src/lib/server/registration/queries';
import { registerSelf } from '../../src/lib/server/registration/self';
import { describeEngines } from './engines';

let uploads: string;
beforeAll(() => {
	uploads = mkdtempSync(join(tmpdir(), 'gongyi-uploads-'));
	process.env.GONGYI_UPLOADS = uploads;
});
afterAll(() => rmSync(uploads, { recursive: true, force: true }));

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72]);
const DAY = 86_400_000;

describeEngines('pending self-registration requests expire', (db) => {
	it('a request older than the limit expires, loses its photo and is audited', async () => {
		await seedDemoIfEmpty(db());
		const units = await db()
			.select({ label: unit.label })
			.from(unit)
			.where(eq(unit.buildingId, 'e-jinse-b1'))
			.orderBy(asc(unit.label))
			.limit(2);
		const submit = (label: string, login: string) =>
			registerSelf(
				db(),
				{
					name: '张三',
					idLast4: '1234',
					login,
					password: 'secret-pass',
					estateId: 'e-jinse',
					buildingId: 'e-jinse-b1',
					unitLabel: label,
					certificate: PNG
				},
				'5.0.0.9'
			);
		const old = await submit(units[0].label, '13950007001');
		const fresh = await submit(units[1].label, '13950007002');
		if (!old.ok || !fresh.ok) throw new Error('registration failed');
		const now = new Date();
		const rowOf = async (accountId: string) =>
			(
				await db()
					.select()
					.from(registrationRequest)
					.where(eq(registrationRequest.accountId, accountId))
			)[0];
		// One just past the limit, one a day short of it.
		await db()
			.update(registrationRequest)
			.set({ createdAt: new Date(now.getTime() - PENDING_REQUEST_TTL_MS - 60_000) })
			.where(eq(registrationRequest.accountId, old.accountId));
		await db()
			.update(registrationRequest)
			.set({ createdAt: new Date(now.getTime() - PENDING_REQUEST_TTL_MS + DAY) })
			.where(eq(registrationRequest.accountId, fresh.accountId));
		const oldReq = await rowOf(old.accountId);
		const freshReq = await rowOf(fresh.accountId);
		const oldFile = join(uploads, oldReq.certificateFile!);
		const freshFile = join(uploads, freshReq.certificateFile!);
		expect(existsSync(oldFile)).toBe(true);

		// Past the limit the request is not offered for review, even before the sweep ran.
		expect((await listRequests(db(), 'e-jinse', 'pending', now)).map((r) => r.id)).toEqual([
			freshReq.id
		]);

		expect(await expirePendingRequests(db(), now)).toBe(1);
		expect(await rowOf(old.accountId)).toMatchObject({
			state: 'expired',
			certificateFile: null,
			certificateType: null
		});
		expect(existsSync(oldFile)).toBe(false);
		expect(await rowOf(fresh.accountId)).toMatchObject({ state: 'pending' });
		expect(existsSync(freshFile)).toBe(true);
		expect(await myRequest(db(), old.accountId)).toMatchObject({ state: 'expired' });

		const audit = await db()
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'registration.expired'), eq(auditLog.subject, oldReq.id)));
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ scope: 'e-jinse', actorId: null });

		// A second sweep finds nothing more to do.
		expect(await expirePendingRequests(db(), now)).toBe(0);
	});
});
