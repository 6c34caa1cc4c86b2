import { expect, it } from 'vitest';
import {
	adminChangeAccount,
	adminCreateAccount,
	adminCreatePlace,
	listScopedAccounts
} from '../../src/lib/server/admin';
import { describeEngines } from '../int/engines';
import { PASSWORD, twoDistricts } from './fixture';

describeEngines('#1 admins are confined to the places of their grant', (db) => {
	it('an admin of district A cannot create staff on an estate of district B', async () => {
		const f = await twoDistricts(db());
		const input = {
			login: 'intruder',
			displayName: 'X',
			password: PASSWORD,
			role: 'staff' as const
		};
		expect(await adminCreateAccount(db(), f.adminA, { ...input, placeId: f.b.estate })).toEqual({
			ok: false,
			code: 'admin.outOfScope'
		});
		expect((await adminCreateAccount(db(), f.adminA, { ...input, placeId: f.a.estate })).ok).toBe(
			true
		);
		// A district admin cannot make a platform-wide admin either.
		expect(
			await adminCreateAccount(db(), f.adminA, {
				...input,
				login: 'root2',
				role: 'admin',
				placeId: 'platform'
			})
		).toEqual({ ok: false, code: 'admin.outOfScope' });
	});

	it('places: only under the grant; a new district needs the root grant', async () => {
		const f = await twoDistricts(db());
		const street = { kind: 'street' as const, name: 'S2' };
		expect(await adminCreatePlace(db(), f.adminA, { ...street, parentId: f.b.district })).toEqual({
			ok: false,
			code: 'admin.outOfScope'
		});
		expect((await adminCreatePlace(db(), f.adminA, { ...street, parentId: f.a.district })).ok).toBe(
			true
		);
		expect(await adminCreatePlace(db(), f.adminA, { kind: 'district', name: 'D3' })).toEqual({
			ok: false,
			code: 'admin.outOfScope'
		});
		expect((await adminCreatePlace(db(), f.root, { kind: 'district', name: 'D3' })).ok).toBe(true);
	});

	it('the account list shows only accounts in scope; the root admin sees all', async () => {
		const f = await twoDistricts(db());
		const seenByA = (await listScopedAccounts(db(), f.adminA)).map((a) => a.login).sort();
		expect(seenByA).toEqual(['admina', 'staffa']);
		const seenByRoot = (await listScopedAccounts(db(), f.root)).map((a) => a.login).sort();
		expect(seenByRoot).toEqual(['admina', 'adminb', 'rootadmin', 'staffa', 'staffb']);
		const self = (await listScopedAccounts(db(), f.adminA)).find((a) => a.login === 'admina');
		expect(self?.manageable).toBe(false);
	});

	it('edit, disable and second-factor reset only in scope, never on oneself', async () => {
		const f = await twoDistricts(db());
		for (const change of [
			{ kind: 'disable' as const },
			{ kind: 'rename' as const, displayName: 'hijack' },
			{ kind: 'resetTotp' as const }
		]) {
			expect(await adminChangeAccount(db(), f.adminA, f.staffB, change)).toEqual({
				ok: false,
				code: 'admin.outOfScope'
			});
			// The root admin is out of a district admin's reach too.
			expect(await adminChangeAccount(db(), f.adminA, f.root, change)).toEqual({
				ok: false,
				code: 'admin.outOfScope'
			});
		}
		expect(await adminChangeAccount(db(), f.adminA, f.adminA, { kind: 'disable' })).toEqual({
			ok: false,
			code: 'admin.self'
		});
		expect(await adminChangeAccount(db(), f.adminA, f.staffA, { kind: 'disable' })).toEqual({
			ok: true
		});
	});
});
