import { z } from 'zod';
import type { Claim } from '$lib/server/registration/register';

const ClaimForm = z.object({
	name: z.string().max(100),
	idLast4: z.string().max(8),
	login: z.string().max(64),
	password: z.string().max(200),
	phone: z.string().max(30).optional()
});

/** The fields every registration form shares; the password is never echoed back. */
export async function readClaim(request: Request) {
	const data = await request.formData();
	const text = (k: string) => (typeof data.get(k) === 'string' ? String(data.get(k)) : '');
	const file = data.get('certificate');
	const certificate =
		file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
	const parsed = ClaimForm.safeParse({
		name: text('name'),
		idLast4: text('idLast4'),
		login: text('login'),
		password: text('password'),
		phone: text('phone') || undefined
	});
	const { password: _p, ...values } = Object.fromEntries(
		[...data.entries()].filter(([, v]) => typeof v === 'string')
	) as Record<string, string>;
	const claim: Claim | null = parsed.success ? { ...parsed.data, certificate } : null;
	return { claim, values, text };
}
