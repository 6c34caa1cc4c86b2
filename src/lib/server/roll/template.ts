import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { HEADER_LABELS, REQUIRED_FIELDS, ROLL_FIELDS } from '$lib/domain/roll';
import { EXAMPLES, NOTES, type TemplateLocale } from './template-content';

export type { TemplateLocale };

const header = (locale: TemplateLocale) => ROLL_FIELDS.map((f) => HEADER_LABELS[locale][f]);

/** The template's header and example rows, the same for CSV and XLSX. */
export function rollTemplateRows(locale: TemplateLocale = 'zh'): string[][] {
	return [header(locale), ...EXAMPLES[locale]];
}

/** A CSV template: UTF-8 with a BOM and CRLF so that Excel opens it with the right encoding. */
export function rollTemplateCsv(locale: TemplateLocale = 'zh'): Uint8Array {
	const csv = Papa.unparse(rollTemplateRows(locale), { newline: '\r\n' });
	return new TextEncoder().encode('\uFEFF' + csv + '\r\n');
}

/** An XLSX template: the roll sheet (text-formatted columns, so IDs keep their digits) and notes. */
export async function rollTemplateXlsx(locale: TemplateLocale = 'zh'): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet(locale === 'zh' ? '业主名册' : 'Roll', {
		views: [{ state: 'frozen', ySplit: 1 }]
	});
	sheet.columns = ROLL_FIELDS.map((field) => ({
		key: field,
		width: field === 'certificate_no' ? 36 : field === 'id_number' ? 22 : 14,
		style: { numFmt: field === 'area' ? '0.00' : '@' }
	}));
	sheet.addRows(rollTemplateRows(locale));
	sheet.getRow(1).font = { bold: true };
	const notes = workbook.addWorksheet(locale === 'zh' ? '填写说明' : 'Notes');
	const required = locale === 'zh' ? ['必填', '选填'] : ['required', 'optional'];
	notes.columns = [{ width: 24 }, { width: 10 }, { width: 70 }];
	for (const field of ROLL_FIELDS) {
		const need = REQUIRED_FIELDS.includes(field) ? required[0] : required[1];
		notes.addRow([HEADER_LABELS[locale][field], need, NOTES[locale][field]]);
	}
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The download name of a template. */
export function rollTemplateFilename(locale: TemplateLocale, format: 'csv' | 'xlsx'): string {
	return `${locale === 'zh' ? '业主名册模板' : 'owner-roll-template'}.${format}`;
}
