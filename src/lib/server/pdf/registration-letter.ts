import { beijingTime } from '../../time';
import { formatArea, parseAreaInput } from '$lib/domain/area';
import { renderDocument, type Block } from './document';

/** One owner's letter. `ownerName` is printed as passed (masked or full). */
export interface RegistrationLetter {
	estateName: string;
	street: string;
	community: string;
	ownerName: string;
	units: { building: string; label: string; area: string }[];
	/** The one-time registration code. */
	code: string;
	/** ISO 8601 instant when the code expires. */
	expiresAt: string;
	/** The registration link, including the code. */
	url: string;
}

export interface RegistrationLetterOptions {
	/** Printed as the sender, e.g. '阳光花园业主大会筹备组'. */
	issuer?: string;
	/** How to reach staff, e.g. '物业服务中心，电话 010-12345678'. */
	contact?: string;
	/** Fixed document dates (reproducible output). */
	creationDate?: Date;
}

/** 'abcd efgh-ijkl' → 'ABCD-EFGH-IJKL': groups of four for reading aloud and typing. */
export function formatCode(code: string): string {
	const plain = code.replace(/[\s-]/g, '').toUpperCase();
	return (plain.match(/.{1,4}/g) ?? []).join('-');
}

/** An ISO instant as Beijing time (UTC+8, no DST): '2025年7月1日 23:59'. */
export function formatBeijingTime(iso: string): string {
	const ms = Date.parse(iso);
	if (Number.isNaN(ms)) throw new RangeError(`invalid expiresAt: ${iso}`);
	return beijingTime(iso);
}

/** '120.3' → '120.30'; anything that is not a plain m² number is printed as passed. */
function displayArea(area: string): string {
	const h = parseAreaInput(area);
	return h === null ? area : formatArea(h);
}

/** The sum of the unit areas, or null when any area is not a plain m² number. */
function totalArea(units: RegistrationLetter['units']): string | null {
	let sum = 0n;
	for (const u of units) {
		const h = parseAreaInput(u.area);
		if (h === null) return null;
		sum += h;
	}
	return formatArea(sum);
}

function letterBlocks(l: RegistrationLetter, opts: RegistrationLetterOptions): Block[] {
	if (!l.code.trim() || !l.url.trim()) throw new Error(`letter for ${l.ownerName}: no code or url`);
	const muted = '#595959';
	const total = l.units.length > 1 ? totalArea(l.units) : null;
	const steps = [
		'打开手机扫描上方二维码（或在浏览器中输入登记网址）。',
		'输入登记码、业主姓名和身份证件号码后四位。',
		'设置登录密码，完成登记。信息与业主名册一致的，即时核验通过；不一致的，由工作人员审核后通知您。',
		'登记后即可在线查阅业主大会公告、参加表决并查询投票回执。'
	];
	const note =
		'隐私提示：本登记码仅限业主本人使用，使用一次即失效，请妥善保管，不要转交他人或拍照外传。' +
		'平台仅将您提供的信息用于业主身份核验和业主大会表决，不作其他用途。' +
		'如本通知书遗失、登记码已过期或怀疑被他人使用，请及时联系' +
		(opts.contact ? `${opts.contact}。` : '筹备组或业主委员会。');
	return [
		{ type: 'text', text: `${l.street} · ${l.community}`, size: 9, color: muted, align: 'center' },
		{ type: 'heading', text: '业主身份登记通知书', size: 22, align: 'center' },
		{ type: 'text', text: '请妥善保管本通知书', size: 9, color: muted, align: 'center' },
		{ type: 'rule' },
		{ type: 'text', text: `尊敬的 ${l.ownerName} 业主：`, size: 13, bold: true },
		{
			type: 'text',
			text:
				`${l.estateName}业主大会将通过“共议”电子表决平台征求业主意见、进行表决。` +
				'请您凭本通知书上的一次性登记码完成业主身份登记，以便在线参加表决。',
			size: 11.5
		},
		{ type: 'space', height: 4 },
		{
			type: 'table',
			size: l.units.length > 4 ? 10 : 11,
			columns: [
				{ header: '楼栋', width: 1 },
				{ header: '房屋', width: 2 },
				{ header: '专有部分面积（m²）', width: 1.4, align: 'right' }
			],
			rows: l.units.map((u) => [u.building, u.label, displayArea(u.area)]),
			...(total ? { foot: ['合计', `${l.units.length} 套`, total] } : {})
		},
		{
			type: 'qr',
			data: l.url,
			size: 128,
			lines: [
				{ text: '一次性登记码', size: 10, color: muted },
				{ text: formatCode(l.code), size: 26, bold: true, leading: 1.6 },
				{ text: `有效期至 ${formatBeijingTime(l.expiresAt)}（北京时间）`, size: 11 },
				{ text: `登记网址：${l.url}`, size: 9, color: muted, leading: 1.4 }
			]
		},
		{ type: 'heading', text: '登记步骤', size: 13.5 },
		{ type: 'list', items: steps, size: 11.5 },
		{ type: 'text', text: note, size: 10, frame: true },
		...(opts.issuer ? [{ type: 'text', text: opts.issuer, align: 'right' } as const] : [])
	];
}

/** Renders one A4 page per owner into a single PDF (a batch for a building or the estate). */
export async function renderRegistrationLetters(
	letters: RegistrationLetter[],
	opts: RegistrationLetterOptions = {}
): Promise<Uint8Array> {
	if (!letters.length) throw new Error('no registration letters to render');
	const blocks = letters.flatMap((l, i): Block[] => [
		...(i ? [{ type: 'pageBreak' } as const] : []),
		...letterBlocks(l, opts)
	]);
	return renderDocument(blocks, {
		title: '业主身份登记通知书',
		subject:
			letters.length === 1
				? letters[0].estateName
				: `${letters[0].estateName} · ${letters.length} 份`,
		creationDate: opts.creationDate
	});
}
