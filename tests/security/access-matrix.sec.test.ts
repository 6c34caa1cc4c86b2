import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { myBallots } from '../../src/lib/server/ballots/my-ballots';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import {
	DEMO_MEETING_ID,
	DEMO_OPEN_ID,
	DEMO_PUBLISHED_ID
} from '../../src/lib/server/demo-assemblies';
import { openDatabase, type Db } from '../../src/lib/server/db/client';
import { account, unit } from '../../src/lib/server/db/schema';
import { screenToken } from '../../src/lib/server/meeting/run';
import {
	eventOf,
	LOGINS,
	outcomeOf,
	ROLES,
	routeEntries,
	userOf,
	type Entry,
	type Role
} from './route-harness';

/**
 * The role × route matrix (#12, security-legal.md part 2): every load, form action and endpoint
 * method of the route tree, called through its SvelteKit handler as each role with a real session
 * on the demo estate, must be allowed or refused as the table says. A route added under src/routes
 * without a row here fails the suite, naming it.
 *
 * Roles, in column order: anonymous, owner (owner1 of 金色家园), staff of estate A (staff, 金色家园),
 * staff of estate B (staff2, 滨海花园), oversight (the street), admin (platform root).
 * `Y` allowed (reached the handler's work: data, a redirect elsewhere, or a 4xx about the input),
 * `.` refused (redirect to the login, 401, 403 or 404). A 5xx or a crash fails the test.
 *
 * Access only: it is the same on both engines, so it runs on PGlite.
 */

const ANYONE = 'YYYYYY';
const SIGNED_IN = '.YYYYY';
const OWNER = '.Y....';
const ESTATE_STAFF = '..Y..Y';
const ESTATE_STAFF_OVERSIGHT = '..Y.YY';
/** The estate's owners, staff and oversight (and admins); not another estate's staff. */
const ESTATE_PEOPLE = '.YY.YY';
const STREET = '....YY'; // the estate's oversight (and admins), on an oversight page of an assembly
const OVERSIGHT_ONLY = '....Y.'; // the oversight console proper (admins have their own)
const ADMIN = '.....Y';
const NOBODY = '......';

/**
 * Rows whose resource the demo does not hold (a proxy's document, an objection's attachment…)
 * refuse everyone: they check only that nobody gets through with a made-up id. They are named so.
 */
const NO_FIXTURE = '......';

const MATRIX: Record<string, string> = {
	'/ layout load': ANYONE,
	'/ load': ANYONE, // a role's home (a redirect for the signed-in)
	'/(admin)/admin ?/createAccount': ADMIN,
	'/(admin)/admin ?/createPlace': ADMIN,
	'/(admin)/admin ?/disable': ADMIN,
	'/(admin)/admin ?/enable': ADMIN,
	'/(admin)/admin ?/issueReset': ADMIN,
	'/(admin)/admin ?/rename': ADMIN,
	'/(admin)/admin ?/resetTotp': ADMIN,
	'/(admin)/admin load': ADMIN,
	'/(admin)/admin/audit load': ADMIN,
	'/(admin)/admin/audit.csv GET': ADMIN,
	'/(oversight)/oversight load': OVERSIGHT_ONLY,
	'/(oversight)/oversight/assemblies load': OVERSIGHT_ONLY,
	'/(oversight)/oversight/assemblies/[assemblyId] ?/approve': STREET,
	// Countersigning needs a registered key first: without one oversight gets 403 too.
	'/(oversight)/oversight/assemblies/[assemblyId] ?/countersign': NOBODY,
	// No objection in the demo to mark read: 404 for everyone.
	'/(oversight)/oversight/assemblies/[assemblyId] ?/markRead': NO_FIXTURE,
	'/(oversight)/oversight/assemblies/[assemblyId] ?/recount': STREET,
	'/(oversight)/oversight/assemblies/[assemblyId] ?/registerKey': STREET,
	'/(oversight)/oversight/assemblies/[assemblyId] ?/return': STREET,
	'/(oversight)/oversight/assemblies/[assemblyId] ?/verify': STREET,
	'/(oversight)/oversight/assemblies/[assemblyId] ?/vet': STREET,
	'/(oversight)/oversight/assemblies/[assemblyId] load': STREET,
	'/(oversight)/oversight/estates.csv GET': OVERSIGHT_ONLY,
	'/(oversight)/oversight/estates.pdf GET': OVERSIGHT_ONLY,
	'/(oversight)/oversight/estates/[estateId] load': STREET,
	'/(owner)/owner load': OWNER,
	'/(owner)/owner/assemblies/[assemblyId] ?/object': OWNER,
	'/(owner)/owner/assemblies/[assemblyId] load': OWNER,
	'/(owner)/owner/assemblies/[assemblyId]/proxy ?/authorise': OWNER,
	'/(owner)/owner/assemblies/[assemblyId]/proxy ?/reissue': OWNER,
	'/(owner)/owner/assemblies/[assemblyId]/proxy ?/revoke': OWNER,
	'/(owner)/owner/assemblies/[assemblyId]/proxy load': OWNER,
	'/(owner)/owner/assemblies/[assemblyId]/vote load': OWNER,
	'/(owner)/owner/assemblies/[assemblyId]/vote/receipt/[seq] load': OWNER,
	'/(owner)/owner/ballots load': OWNER,
	'/(owner)/owner/roll load': OWNER,
	'/(owner)/owner/roll/object/[unitId] ?/default': OWNER,
	'/(owner)/owner/roll/object/[unitId] load': OWNER,
	'/(staff)/staff load': '..YY..', // each staff to their own estate
	'/(staff)/staff/estates/[estateId] ?/ruleSet': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId] load': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies load': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId] ?/addElection': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId] ?/addResolution': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId] ?/answerObjection': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId] ?/cancel': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId] ?/close': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId] ?/count': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId] ?/file': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId] ?/nameScrutineer': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId] ?/nominate': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId] ?/open': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId] ?/publish': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId] ?/removeCandidate': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId] ?/removeDocument': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId] ?/removeItem': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId] ?/removeScrutineer': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId] ?/upload': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId] load': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/edit ?/default': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/edit load': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/meeting ?/checkIn': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/meeting ?/closeItem': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/meeting ?/findPhone': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/meeting ?/openItem': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/meeting load': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/paper ?/attach': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/paper ?/enter': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/paper ?/late': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/paper load': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/paper/ballots.pdf POST': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/paper/sign-in.pdf GET': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/proxies ?/reject': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/proxies ?/verify': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/proxies load': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/proxies/[id]/document GET': NO_FIXTURE,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/turnout load': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/[assemblyId]/turnout/not-voted.csv GET':
		ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/new ?/default': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/assemblies/new load': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/audit load': ESTATE_STAFF_OVERSIGHT,
	'/(staff)/staff/estates/[estateId]/audit.csv GET': ESTATE_STAFF_OVERSIGHT,
	'/(staff)/staff/estates/[estateId]/password-reset ?/default': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/password-reset load': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/publication ?/answer': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/publication ?/freeze': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/publication ?/publish': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/publication ?/withdraw': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/publication load': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/registrations ?/approve': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/registrations ?/inPerson': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/registrations ?/reject': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/registrations load': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/registrations/certificate/[requestId] GET': NO_FIXTURE,
	'/(staff)/staff/estates/[estateId]/registrations/letters POST': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/roll ?/commit': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/roll ?/countedKinds': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/roll ?/preview': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/roll load': ESTATE_STAFF_OVERSIGHT,
	'/(staff)/staff/estates/[estateId]/roll/template/[file] GET': ESTATE_STAFF_OVERSIGHT,
	'/(staff)/staff/estates/[estateId]/roll/units load': ESTATE_STAFF_OVERSIGHT,
	'/(staff)/staff/estates/[estateId]/roll/units/[unitId] ?/owner': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/roll/units/[unitId] ?/unit': ESTATE_STAFF,
	'/(staff)/staff/estates/[estateId]/roll/units/[unitId] load': ESTATE_STAFF_OVERSIGHT,
	// No passkey registered in the demo: removing one answers 404 to everyone signed in.
	'/account/passkeys ?/remove': NO_FIXTURE,
	'/account/passkeys load': SIGNED_IN,
	'/account/passkeys/options POST': SIGNED_IN,
	'/account/passkeys/verify POST': SIGNED_IN,
	'/account/password ?/default': SIGNED_IN,
	'/account/password load': SIGNED_IN,
	'/account/totp-setup ?/default': SIGNED_IN,
	'/account/totp-setup load': SIGNED_IN, // officials who have it set up are sent home
	'/api/assemblies/[assemblyId]/ballots POST': OWNER,
	'/api/assemblies/[assemblyId]/checkpoint GET': ANYONE, // published assembly: public
	'/api/assemblies/[assemblyId]/cosignatures POST': ANYONE, // signed by an oversight key, checked in the body
	'/api/assemblies/[assemblyId]/mine GET': OWNER,
	'/api/assemblies/[assemblyId]/minutes GET': ANYONE,
	'/api/assemblies/[assemblyId]/receipts/[seq] GET': OWNER,
	'/api/assemblies/[assemblyId]/record GET': ANYONE,
	'/api/assemblies/[assemblyId]/witness GET': ANYONE,
	'/api/bench/plain-insert POST': NOBODY, // only with GONGYI_BENCH=1
	'/api/ledger/lookup GET': ANYONE,
	'/api/minutes/certificate GET': ANYONE,
	'/assemblies/[assemblyId]/documents/[documentId] GET': NO_FIXTURE,
	'/assemblies/[assemblyId]/ledger load': ANYONE,
	// The signed minutes: the estate's owners once published, its staff and oversight once counted.
	'/assemblies/[assemblyId]/minutes.pdf GET': ESTATE_PEOPLE,
	'/assemblies/[assemblyId]/minutes/[version].pdf GET': ESTATE_PEOPLE,
	// The notice of an estate's assembly: its owners, staff and oversight; not another estate's staff.
	'/assemblies/[assemblyId]/notice.pdf GET': ESTATE_PEOPLE,
	'/assemblies/[assemblyId]/objections/[objectionId]/attachment GET': NO_FIXTURE,
	'/health GET': ANYONE,
	'/lang ?/default': ANYONE,
	'/lang load': ANYONE,
	'/login ?/default': ANYONE,
	'/login load': ANYONE,
	'/login/passkey/options POST': ANYONE,
	'/login/passkey/verify POST': ANYONE,
	'/login/reset ?/default': ANYONE,
	'/login/totp ?/default': SIGNED_IN,
	'/login/totp load': SIGNED_IN,
	// Logging out always lands on the login page (it is how the action ends, for anyone).
	'/logout ?/default': NOBODY,
	'/logout load': ANYONE,
	'/proxy load': SIGNED_IN,
	// No proxy authorisation in the demo with a link to open.
	'/proxy/[authorisationId] ?/default': NO_FIXTURE,
	'/proxy/[authorisationId] load': NO_FIXTURE,
	'/proxy/register ?/default': ANYONE,
	'/proxy/register load': ANYONE,
	'/register ?/default': ANYONE,
	'/register load': ANYONE,
	'/register/self ?/default': ANYONE,
	'/register/self load': ANYONE,
	'/register/status load': SIGNED_IN,
	'/screen/[token] load': ANYONE, // the secret link is the key
	'/screen/[token]/state GET': ANYONE,
	'/verify load': ANYONE
};

/** Which assembly a route is called on: published for the public record routes, else the open one. */
function assemblyFor(routeId: string): string {
	if (/\/api\/assemblies\/\[assemblyId\]\/(checkpoint|minutes|record|witness)$/.test(routeId))
		return DEMO_PUBLISHED_ID;
	if (/\/assemblies\/\[assemblyId\]\/(minutes\.pdf|minutes\/\[version\]\.pdf)$/.test(routeId))
		return DEMO_PUBLISHED_ID;
	if (routeId.endsWith('/meeting')) return DEMO_MEETING_ID;
	if (/receipts|receipt/.test(routeId)) return DEMO_PUBLISHED_ID;
	return DEMO_OPEN_ID;
}

let db: Db;
let close: () => Promise<void>;
let entries: Entry[];
let params: Record<string, string>;
const sessions: Partial<Record<Role, Awaited<ReturnType<typeof userOf>>>> = {};
const ENDS_SESSION = /^\/(logout|account\/password|account\/passkeys|account\/totp-setup|login)/;

beforeAll(async () => {
	const d = await openDatabase({ dataDir: 'memory://' });
	db = d.db;
	close = d.close;
	await seedDemoIfEmpty(db, { assemblies: true });
	entries = await routeEntries();
	for (const role of ROLES) if (LOGINS[role]) sessions[role] = await userOf(db, LOGINS[role]!);
	const [owner1] = await db.select().from(account).where(eq(account.login, 'owner1'));
	const [u] = await db.select({ id: unit.id }).from(unit).where(eq(unit.estateId, 'e-jinse'));
	const ballot = (await myBallots(db, owner1.ownerId!, DEMO_PUBLISHED_ID))[0];
	expect(ballot, 'owner1 voted in the published demo assembly').toBeTruthy();
	params = {
		estateId: 'e-jinse',
		unitId: u.id,
		seq: String(ballot.seq),
		token: await screenToken(db, DEMO_MEETING_ID),
		file: 'zh.csv',
		version: '1',
		id: 'no-such-proxy',
		requestId: 'no-such-request',
		documentId: 'no-such-document',
		objectionId: 'no-such-objection',
		authorisationId: 'no-such-authorisation'
	};
}, 120_000);

describe('role × route matrix', () => {
	it('every load, action and method of the route tree has a row; every row is in the tree', () => {
		const keys = entries.map((e) => e.key);
		const missing = keys.filter((k) => !(k in MATRIX));
		expect(missing, `routes without a row in MATRIX: ${missing.join(', ')}`).toEqual([]);
		const stale = Object.keys(MATRIX).filter((k) => !keys.includes(k));
		expect(stale, `MATRIX rows no route has: ${stale.join(', ')}`).toEqual([]);
		expect(keys.length).toBeGreaterThan(140);
	});

	it('each role is allowed or refused as the table says, and nothing crashes', async () => {
		const started = Date.now();
		const wrong: string[] = [];
		let calls = 0;
		for (const e of entries) {
			const expected = MATRIX[e.key];
			if (!expected) continue;
			const p = { ...params, assemblyId: assemblyFor(e.routeId) };
			const method = e.kind === 'method' ? e.name : e.kind === 'action' ? 'POST' : 'GET';
			for (const [i, role] of ROLES.entries()) {
				const login = LOGINS[role];
				// Sessions are shared, except where the call may end its session (logout, password).
				const u = !login
					? null
					: ENDS_SESSION.test(e.key)
						? await userOf(db, login)
						: sessions[role]!;
				const event = eventOf({
					db,
					routeId: e.routeId,
					params: p,
					user: u?.user ?? null,
					sessionId: u?.sessionId,
					token: u?.token,
					method,
					// Empty input: the matrix is about who gets in, the fuzzer about what they send.
					body: method !== 'POST' ? null : e.kind === 'action' ? new FormData() : '{}',
					headers: e.kind === 'method' ? { 'content-type': 'application/json' } : {},
					address: `198.51.100.${(calls % 250) + 1}`
				});
				calls++;
				let got: string;
				try {
					const o = await outcomeOf(() => e.call(event));
					got = o.kind === 'allowed' ? 'Y' : '.';
				} catch (err) {
					wrong.push(`${e.key} as ${role}: crashed: ${String(err).slice(0, 200)}`);
					continue;
				}
				if (got !== expected[i])
					wrong.push(
						`${e.key} as ${role}: ${got === 'Y' ? 'allowed' : 'refused'}, the table says ${expected[i] === 'Y' ? 'allowed' : 'refused'}`
					);
			}
		}
		expect(wrong).toEqual([]);
		console.log(
			`[access-matrix] ${entries.length} entries × ${ROLES.length} roles = ${calls} calls in ${((Date.now() - started) / 1000).toFixed(1)} s`
		);
	});
});

afterAll(async () => {
	await close?.();
});
