import QRCode from 'qrcode';
import type { Block } from './blocks';
import { color, gap, textLines, type Chunk, type Ctx } from './layout';

/**
 * The dark modules of a QR code as one SVG path (one rectangle per horizontal run), in module
 * units. Drawn as vectors it prints crisply at any size and costs far less than a PNG round trip.
 */
export function qrPath(data: string): { path: string; modules: number } {
	const { modules } = QRCode.create(data, { errorCorrectionLevel: 'M' });
	const n = modules.size;
	let path = '';
	for (let y = 0; y < n; y++) {
		let x = 0;
		while (x < n) {
			if (!modules.get(y, x)) {
				x++;
				continue;
			}
			const start = x;
			while (x < n && modules.get(y, x)) x++;
			path += `M${start} ${y}h${x - start}v1h${start - x}z`;
		}
	}
	return { path, modules: n };
}

/** A QR code at the left with lines of text beside it, vertically centred. */
export function qrChunks(ctx: Ctx, b: Extract<Block, { type: 'qr' }>): Chunk[] {
	const q = b.size ?? 120;
	const tx = q + 18;
	const side = { ...ctx, x: ctx.x + tx, width: ctx.width - tx };
	const lines = (b.lines ?? []).flatMap((l) => textLines(side, l.text, l));
	const th = lines.reduce((a, c) => a + c.h, 0);
	const h = Math.max(q, th);
	const { path, modules } = qrPath(b.data);
	const black = color('#000000');
	const draw: Chunk['draw'] = (page, top) => {
		const y = top - (h - q) / 2;
		page.drawSvgPath(path, { x: ctx.x, y, scale: q / modules, color: black });
		let ly = top - (h - th) / 2;
		for (const c of lines) {
			c.draw?.(page, ly);
			ly -= c.h;
		}
	};
	return [{ h, draw }, gap(12)];
}
