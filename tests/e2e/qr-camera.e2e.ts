import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import QRCode from 'qrcode';
import { logIn, open } from './helpers';

const PAPER = '/staff/estates/e-jinse/assemblies/a-jinse-2026-2/paper';
const CODE = 'GYB:7K3MQ9XW2RTB5HND';

/**
 * A camera that films a sheet with the code on it: a Y4M video (grey frames, 4:2:0) for Chromium's
 * fake capture device. The code sits off-centre on a light-grey ground, as in a hand-held shot.
 */
function cameraFile(text: string): string {
	const side = 480;
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const n = modules.size;
	const module = 7.3; // not a whole number of pixels, as in a photo
	const [left, top] = [150, 110];
	const y = new Uint8Array(side * side).fill(205);
	for (let r = 0; r < side; r++)
		for (let c = 0; c < side; c++) {
			const [mr, mc] = [Math.floor((r - top) / module), Math.floor((c - left) / module)];
			const quiet = mr >= -4 && mc >= -4 && mr < n + 4 && mc < n + 4;
			if (quiet)
				y[r * side + c] = mr >= 0 && mc >= 0 && mr < n && mc < n && modules.get(mr, mc) ? 25 : 235;
		}
	const chroma = new Uint8Array((side / 2) * (side / 2)).fill(128);
	const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
	const file = join(tmpdir(), `gongyi-e2e-camera-${process.pid}.y4m`);
	writeFileSync(
		file,
		Buffer.concat([
			Buffer.from(`YUV4MPEG2 W${side} H${side} F10:1 Ip A1:1 C420jpeg\n`),
			frame,
			frame
		])
	);
	return file;
}

test.use({
	launchOptions: {
		executablePath: '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--use-fake-device-for-media-stream',
			'--use-fake-ui-for-media-stream',
			`--use-file-for-fake-video-capture=${cameraFile(CODE)}`
		]
	}
});

test('staff scan a paper ballot with the camera: the code fills the field and the camera stops', async ({
	page
}) => {
	await logIn(page, 'clerk');
	await open(page, PAPER);
	const entry = page.getByRole('region', { name: '录入一张纸质票' });
	await entry.getByRole('button', { name: '用摄像头扫描二维码' }).click();
	await expect(entry.getByRole('button', { name: '停止扫描' })).toBeVisible();
	await expect(entry.getByText('已识别表决票编号。')).toBeVisible({ timeout: 15_000 });
	await expect(entry.getByLabel('表决票编号（扫描二维码或手动输入）')).toHaveValue(CODE);
	// Found, the scan ends: the camera is released and the button offers a new scan.
	await expect(entry.getByRole('button', { name: '用摄像头扫描二维码' })).toBeVisible();
	expect(await entry.locator('video').evaluate((v: HTMLVideoElement) => v.srcObject)).toBeNull();
});
