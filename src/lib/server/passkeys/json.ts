import { error, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';

/**
 * SvelteKit's CSRF check covers form posts only, so JSON endpoints check the Origin header
 * themselves and accept nothing but application/json.
 */
export async function readJson<T extends z.ZodType>(event: RequestEvent, schema: T) {
	if (event.request.headers.get('origin') !== event.url.origin) error(403, 'Cross-site request');
	const type = event.request.headers.get('content-type') ?? '';
	if (!type.startsWith('application/json')) error(415, 'Expected JSON');
	const parsed = schema.safeParse(await event.request.json().catch(() => null));
	if (!parsed.success) error(400, 'Bad request');
	return parsed.data as z.infer<T>;
}
