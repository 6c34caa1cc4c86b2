import { error } from '@sveltejs/kit';
import { rollTemplateCsv, rollTemplateFilename, rollTemplateXlsx } from '$lib/server/roll/template';
import { readRoll } from '../../access';
import type { RequestHandler } from './$types';

const TYPES = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

/** GET …/roll/template/zh.csv, en.xlsx, …: the roll template to fill in. */
export const GET: RequestHandler = async (event) => {
	await readRoll(event);
	const m = /^(zh|en)\.(csv|xlsx)$/.exec(event.params.file);
	if (!m) error(404, { message: 'not_found' });
	const [, locale, format] = m as unknown as [string, 'zh' | 'en', 'csv' | 'xlsx'];
	const body = format === 'csv' ? rollTemplateCsv(locale) : await rollTemplateXlsx(locale);
	const name = rollTemplateFilename(locale, format);
	return new Response(body as BodyInit, {
		headers: {
			'content-type': TYPES[format],
			'content-disposition': `attachment; filename="roll-template.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
			'cache-control': 'private, no-store'
		}
	});
};
