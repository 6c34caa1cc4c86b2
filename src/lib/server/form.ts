import { error } from '@sveltejs/kit';

/**
 * The form body of an endpoint's POST. A body that is not a form (another content type, a
 * malformed multipart) is the client's mistake: 400, never the 500 `request.formData()` throws.
 */
export async function readForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		error(400, { message: 'bad_request' });
	}
}
