import { crc32, inflateRawSync } from 'node:zlib';
import type { RollProblem } from '../../domain/roll';
import { ROLL_LIMITS } from './limits';

/**
 * An XLSX is a zip: a 300 KB file can unpack to gigabytes (one shared string of 300 MB killed
 * the server). Before any XML parser sees it, the central directory is read, every entry the
 * reader needs is inflated with a byte budget (the declared size, and at most what is left of
 * the whole file's budget), and a new zip of those entries, stored uncompressed in a safe order,
 * is handed on. An entry that inflates past its declared size is refused, so a lying header
 * cannot smuggle more bytes than were counted.
 */

export type GuardResult = { ok: true; bytes: Uint8Array } | { ok: false; problem: RollProblem };

const problem = (code: RollProblem['code'], params: RollProblem['params'] = {}): GuardResult => ({
	ok: false,
	problem: { line: null, column: null, code, params }
});
const unreadable = () => problem('file.unreadable', { format: 'XLSX' });

/** Parts the streaming reader uses, in the order it wants them (strings before sheets). */
const PARTS: [RegExp, number][] = [
	[/^\[Content_Types\]\.xml$/i, 0],
	[/^_rels\/\.rels$/i, 1],
	[/^xl\/workbook\.xml$/i, 2],
	[/^xl\/_rels\/workbook\.xml\.rels$/i, 3],
	[/^xl\/sharedStrings\.xml$/i, 4],
	[/^xl\/worksheets\/sheet\d+\.xml$/i, 5]
];
const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/i;

interface Entry {
	name: string;
	method: number;
	flags: number;
	compressed: number;
	size: number;
	offset: number;
}

function centralDirectory(b: Buffer): Entry[] | null {
	const min = Math.max(0, b.length - 22 - 0xffff);
	let eocd = -1;
	for (let i = b.length - 22; i >= min; i--) {
		if (b.readUInt32LE(i) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) return null;
	const count = b.readUInt16LE(eocd + 10);
	const cdSize = b.readUInt32LE(eocd + 12);
	const cdOffset = b.readUInt32LE(eocd + 16);
	// ZIP64 markers: no genuine roll needs them (the upload is at most 20 MB).
	if (count === 0xffff || cdOffset === 0xffffffff || cdOffset + cdSize > eocd) return null;
	if (count > ROLL_LIMITS.zipEntries) return null;
	const entries: Entry[] = [];
	let at = cdOffset;
	for (let n = 0; n < count; n++) {
		if (at + 46 > eocd || b.readUInt32LE(at) !== 0x02014b50) return null;
		const nameLength = b.readUInt16LE(at + 28);
		const extra = b.readUInt16LE(at + 30);
		const comment = b.readUInt16LE(at + 32);
		entries.push({
			flags: b.readUInt16LE(at + 8),
			method: b.readUInt16LE(at + 10),
			compressed: b.readUInt32LE(at + 20),
			size: b.readUInt32LE(at + 24),
			offset: b.readUInt32LE(at + 42),
			name: b.toString('utf8', at + 46, at + 46 + nameLength)
		});
		at += 46 + nameLength + extra + comment;
	}
	return entries;
}

function entryData(b: Buffer, e: Entry): Buffer | null {
	if (e.offset + 30 > b.length || b.readUInt32LE(e.offset) !== 0x04034b50) return null;
	const start = e.offset + 30 + b.readUInt16LE(e.offset + 26) + b.readUInt16LE(e.offset + 28);
	if (start + e.compressed > b.length) return null;
	return b.subarray(start, start + e.compressed);
}

/** A zip of stored (uncompressed) entries, no data descriptors: what the reader then streams. */
export function storedZip(files: { name: string; data: Uint8Array }[]): Uint8Array {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const f of files) {
		const name = Buffer.from(f.name, 'utf8');
		const crc = crc32(f.data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x0800, 6);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(f.data.length, 18);
		local.writeUInt32LE(f.data.length, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x0800, 8);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(f.data.length, 20);
		central.writeUInt32LE(f.data.length, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, Buffer.from(f.data.buffer, f.data.byteOffset, f.data.length));
		centrals.push(central, name);
		offset += 30 + name.length + f.data.length;
	}
	const cd = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(files.length, 8);
	end.writeUInt16LE(files.length, 10);
	end.writeUInt32LE(cd.length, 12);
	end.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

/** The workbook's parts within the budgets, re-zipped; or the problem that refuses the file. */
export function guardXlsx(bytes: Uint8Array): GuardResult {
	const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
	const entries = centralDirectory(b);
	if (!entries) return unreadable();
	const sheets = entries.filter((e) => SHEET.test(e.name)).length;
	if (sheets > ROLL_LIMITS.sheets)
		return problem('file.tooManySheets', { count: sheets, max: ROLL_LIMITS.sheets });
	const maxMb = ROLL_LIMITS.unpackedBytes / 2 ** 20;
	const wanted = entries
		.map((e) => ({ e, rank: PARTS.find(([re]) => re.test(e.name))?.[1] ?? -1 }))
		.filter((x) => x.rank >= 0)
		.sort((x, y) => x.rank - y.rank);
	// Only the first worksheet (in the file's order) is read; the others are left packed.
	const firstSheet = wanted.findIndex((x) => x.rank === 5);
	const parts = firstSheet < 0 ? wanted : wanted.slice(0, firstSheet + 1);
	let budget = ROLL_LIMITS.unpackedBytes;
	const out: { name: string; data: Uint8Array }[] = [];
	for (const { e } of parts) {
		if (e.flags & 1) return unreadable(); // encrypted
		if (e.size > budget) return problem('file.unpackedTooLarge', { maxMb });
		const raw = entryData(b, e);
		if (!raw) return unreadable();
		let data: Buffer;
		if (e.method === 0) data = raw;
		else if (e.method === 8) {
			try {
				// Never more than the declared size: a header that lies is caught right there.
				data = inflateRawSync(raw, { maxOutputLength: Math.max(e.size, 1) });
			} catch (err) {
				return (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
					? problem('file.unpackedTooLarge', { maxMb })
					: unreadable();
			}
		} else return unreadable();
		if (data.length !== e.size) return unreadable();
		budget -= data.length;
		out.push({ name: e.name, data });
	}
	return { ok: true, bytes: storedZip(out) };
}
