import jsQR from 'jsqr';

/** Pixels as a canvas hands them out: RGBA, four bytes per pixel, rows top to bottom. */
export interface Pixels {
	data: Uint8ClampedArray;
	width: number;
	height: number;
}

/**
 * The longest side an image is read at. A phone photo (4000 × 3000) shrunk to this still gives a
 * ballot's code several pixels per module, and reading takes tens of milliseconds, not seconds.
 */
export const READ_SIDE = 1280;

/** The size to draw a `width` × `height` image at before reading it: never larger than it is. */
export function readingSize(width: number, height: number, side = READ_SIDE) {
	const scale = Math.min(1, side / Math.max(width, height, 1));
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale))
	};
}

/**
 * The text of the QR code in `pixels`, or null when none is found. jsQR rather than ZXing's
 * JavaScript port: on clean renders at sizes where a module is not a whole number of pixels,
 * ZXing-js missed 5–13 % of ballot codes (qr-read.test.ts keeps those codes).
 * `camera` skips the light-on-dark pass: a video frame is read again a moment later anyway.
 */
export function readQr(pixels: Pixels, camera = false): string | null {
	const found = jsQR(pixels.data, pixels.width, pixels.height, {
		inversionAttempts: camera ? 'dontInvert' : 'attemptBoth'
	});
	return found && found.data ? found.data : null;
}
