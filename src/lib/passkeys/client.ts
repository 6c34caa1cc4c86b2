/**
 * Browser side of the passkey ceremonies. @simplewebauthn/browser is imported on demand so that
 * pages which never use a passkey do not download it.
 */

export const passkeysSupported = () =>
	typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

async function postJson<T>(url: string, body: unknown): Promise<Result<T>> {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	}).catch(() => null);
	if (!res) return { ok: false, error: 'passkey:passkey.network' };
	const data = await res.json().catch(() => ({}));
	if (!res.ok) return { ok: false, error: data.error ?? 'passkey:passkey.failed' };
	return { ok: true, value: data as T };
}

/** The user closed the prompt or the authenticator refused: not an error worth alarming about. */
function ceremonyError(e: unknown): string {
	const name = (e as { name?: string })?.name;
	return name === 'NotAllowedError' || name === 'AbortError'
		? 'passkey:passkey.cancelled'
		: name === 'InvalidStateError'
			? 'passkey:passkey.duplicate'
			: 'passkey:passkey.failed';
}

export async function registerPasskey(label: string): Promise<Result<true>> {
	const { startRegistration } = await import('@simplewebauthn/browser');
	const begun = await postJson<{ challengeId: string; options: never }>(
		'/account/passkeys/options',
		{}
	);
	if (!begun.ok) return begun;
	let response;
	try {
		response = await startRegistration({ optionsJSON: begun.value.options });
	} catch (e) {
		return { ok: false, error: ceremonyError(e) };
	}
	const done = await postJson('/account/passkeys/verify', {
		challengeId: begun.value.challengeId,
		response,
		label
	});
	return done.ok ? { ok: true, value: true } : done;
}

/** Returns where to go next (the server has set the session cookie). */
export async function logInWithPasskey(next: string | null): Promise<Result<string>> {
	const { startAuthentication } = await import('@simplewebauthn/browser');
	const begun = await postJson<{ challengeId: string; options: never }>(
		'/login/passkey/options',
		{}
	);
	if (!begun.ok) return begun;
	let response;
	try {
		response = await startAuthentication({ optionsJSON: begun.value.options });
	} catch (e) {
		return { ok: false, error: ceremonyError(e) };
	}
	const done = await postJson<{ redirect: string }>('/login/passkey/verify', {
		challengeId: begun.value.challengeId,
		response,
		next
	});
	return done.ok ? { ok: true, value: done.value.redirect } : done;
}
