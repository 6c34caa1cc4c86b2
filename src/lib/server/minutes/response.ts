import type { MinutesRow } from './store';

/** The PDF as a download named after the assembly and version. */
export function minutesResponse(row: MinutesRow): Response {
	const name = `minutes-${row.assemblyId}-v${row.version}${row.locale === 'zh' ? '' : `-${row.locale}`}.pdf`;
	return new Response(row.pdf as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${name}"`,
			'x-content-sha256': row.sha256,
			'cache-control': 'private, no-store'
		}
	});
}
