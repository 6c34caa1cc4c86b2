import {
	generateAuthenticationOptions,
	generateRegistrationOptions,
	verifyAuthenticationResponse,
	verifyRegistrationResponse,
	type AuthenticationResponseJSON,
	type AuthenticatorTransport,
	type RegistrationResponseJSON
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { account } from '../db/schema';
import { createSession, generateSessionToken } from '../auth/session';
import { isThrottled, recordFailure, type Limit } from '../auth/throttle';
import {
	addPasskey,
	findPasskey,
	listPasskeys,
	saveChallenge,
	takeChallenge,
	touchPasskey
} from './store';

/** The relying party is this site: its host name is the RP ID, its origin the expected origin. */
export function relyingParty() {
	const origin = process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
	return { origin, rpID: new URL(origin).hostname, rpName: '共议 Gongyi' };
}

const transportsOf = (t: string[]) => t as AuthenticatorTransport[];

export async function beginRegistration(
	db: Db,
	user: { id: string; login: string; displayName: string }
) {
	const { rpID, rpName } = relyingParty();
	const existing = await listPasskeys(db, user.id);
	const options = await generateRegistrationOptions({
		rpName,
		rpID,
		userName: user.login,
		userDisplayName: user.displayName,
		userID: new TextEncoder().encode(user.id),
		attestationType: 'none',
		excludeCredentials: existing.map((p) => ({ id: p.id, transports: transportsOf(p.transports) })),
		authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' }
	});
	const challengeId = await saveChallenge(db, {
		accountId: user.id,
		challenge: options.challenge,
		purpose: 'register'
	});
	return { challengeId, options };
}

export async function finishRegistration(
	db: Db,
	accountId: string,
	input: { challengeId: string; response: RegistrationResponseJSON; label: string }
): Promise<{ ok: true } | { ok: false; code: string }> {
	const challenge = await takeChallenge(db, {
		id: input.challengeId,
		purpose: 'register',
		accountId
	});
	if (!challenge) return { ok: false, code: 'passkey.expired' };
	const { origin, rpID } = relyingParty();
	try {
		const v = await verifyRegistrationResponse({
			response: input.response,
			expectedChallenge: challenge,
			expectedOrigin: origin,
			expectedRPID: rpID,
			requireUserVerification: false
		});
		if (!v.verified) return { ok: false, code: 'passkey.invalid' };
		const c = v.registrationInfo.credential;
		return addPasskey(db, {
			id: c.id,
			accountId,
			publicKey: isoBase64URL.fromBuffer(c.publicKey),
			counter: c.counter,
			transports: c.transports ?? [],
			label: input.label
		});
	} catch {
		return { ok: false, code: 'passkey.invalid' };
	}
}

/** Discoverable credentials: no account is named, the authenticator offers its passkeys. */
export async function beginLogin(db: Db) {
	const { rpID } = relyingParty();
	const options = await generateAuthenticationOptions({ rpID, userVerification: 'preferred' });
	const challengeId = await saveChallenge(db, {
		accountId: null,
		challenge: options.challenge,
		purpose: 'login'
	});
	return { challengeId, options };
}

export const passkeyLimits = (ip: string): Limit[] => [
	{ key: `passkey:ip:${ip}`, max: 20, windowMs: 15 * 60_000 }
];

export type PasskeyLoginResult =
	| { ok: true; token: string; expiresAt: Date; accountId: string }
	| { ok: false; code: 'passkey.throttled' | 'passkey.expired' | 'passkey.invalid' };

/** Verifies the assertion and opens a session just as a password login does (TOTP still follows). */
export async function finishLogin(
	db: Db,
	input: { challengeId: string; response: AuthenticationResponseJSON; ip: string }
): Promise<PasskeyLoginResult> {
	const limits = passkeyLimits(input.ip);
	if (await isThrottled(db, limits)) return { ok: false, code: 'passkey.throttled' };
	const fail = async (code: 'passkey.expired' | 'passkey.invalid') => {
		await recordFailure(db, limits);
		return { ok: false, code } as const;
	};
	const challenge = await takeChallenge(db, {
		id: input.challengeId,
		purpose: 'login',
		accountId: null
	});
	if (!challenge) return fail('passkey.expired');
	const key = await findPasskey(db, input.response.id);
	if (!key) return fail('passkey.invalid');
	const [acc] = await db.select().from(account).where(eq(account.id, key.accountId));
	if (!acc || acc.disabled) return fail('passkey.invalid');
	const { origin, rpID } = relyingParty();
	let newCounter: number;
	try {
		const v = await verifyAuthenticationResponse({
			response: input.response,
			expectedChallenge: challenge,
			expectedOrigin: origin,
			expectedRPID: rpID,
			credential: {
				id: key.id,
				publicKey: isoBase64URL.toBuffer(key.publicKey),
				counter: key.counter,
				transports: transportsOf(key.transports)
			},
			requireUserVerification: false
		});
		if (!v.verified) return fail('passkey.invalid');
		newCounter = v.authenticationInfo.newCounter;
	} catch {
		return fail('passkey.invalid');
	}
	// The IP counter is not cleared: a success with one's own passkey must not reset it.
	const token = generateSessionToken();
	const s = await db.transaction(async (tx) => {
		await touchPasskey(tx, key.id, newCounter);
		return createSession(tx, token, key.accountId);
	});
	return { ok: true, token, expiresAt: s.expiresAt, accountId: key.accountId };
}
