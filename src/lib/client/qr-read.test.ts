import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { readingSize, readQr, type Pixels } from './qr-read';

/**
 * A QR code drawn `width` pixels wide with a four-module quiet zone, the way the qrcode package
 * draws a PNG of that width: each pixel takes the module under it, so modules are not all equally
 * wide when the width is not a multiple of the module count.
 */
function render(text: string, width: number, dark = 0, light = 255): Pixels {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const n = modules.size;
	const scale = width / (n + 8);
	const side = Math.floor((n + 8) * scale);
	const margin = 4 * scale;
	const data = new Uint8ClampedArray(side * side * 4);
	for (let y = 0; y < side; y++)
		for (let x = 0; x < side; x++) {
			const inside = y >= margin && x >= margin && y < side - margin && x < side - margin;
			const on =
				inside && modules.get(Math.floor((y - margin) / scale), Math.floor((x - margin) / scale));
			const i = 4 * (y * side + x);
			data.fill(on ? dark : light, i, i + 3);
			data[i + 3] = 255;
		}
	return { data, width: side, height: side };
}

const code = (n: number) => `GYB:ABCD${n}EFGHJKLM`;

describe('readQr', () => {
	// The ballot codes ZXing's JavaScript port (@zxing/library 0.23) failed to read at each width.
	const missedByZxing: Record<number, number[]> = {
		300: [1013, 1014, 1019, 1020, 1023, 1039],
		360: [1000, 1003, 1011, 1018, 1107, 1119],
		500: [1008, 1012, 1015, 1102, 1103, 1104],
		1000: [1013, 1014, 1019]
	};
	for (const [width, ns] of Object.entries(missedByZxing))
		it(`reads every ballot code drawn ${width} px wide`, () => {
			for (const n of ns) expect(readQr(render(code(n), Number(width)))).toBe(code(n));
		});

	it('reads a light code on a dark ground from a photo, but not from a camera frame', () => {
		const inverted = render(code(1000), 360, 255, 0);
		expect(readQr(inverted)).toBe(code(1000));
		expect(readQr(inverted, true)).toBeNull();
	});

	it('finds nothing in a blank image', () => {
		const blank = { data: new Uint8ClampedArray(200 * 100 * 4).fill(255), width: 200, height: 100 };
		expect(readQr(blank)).toBeNull();
	});
});

describe('readingSize', () => {
	it('shrinks a phone photo to the reading side, keeping its shape', () => {
		expect(readingSize(4000, 3000)).toEqual({ width: 1280, height: 960 });
		expect(readingSize(3000, 4000)).toEqual({ width: 960, height: 1280 });
	});
	it('never enlarges a small image and never gives a zero side', () => {
		expect(readingSize(360, 360)).toEqual({ width: 360, height: 360 });
		expect(readingSize(0, 0)).toEqual({ width: 1, height: 1 });
		expect(readingSize(100_000, 1)).toEqual({ width: 1280, height: 1 });
	});
});
