/** Beijing is UTC+8 all year (no daylight saving), so a fixed shift shows the same time everywhere. */
const SHIFT_MS = 8 * 3600_000;

/** The moment's wall-clock fields in Beijing, read with the getUTC* methods. */
function inBeijing(d: Date | string): Date {
	return new Date(new Date(d).getTime() + SHIFT_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026年3月1日 09:00" (zh) or "2026-03-01 09:00" (en), Beijing time, on any server or device. */
export function beijingTime(d: Date | string, locale: 'zh' | 'en' = 'zh'): string {
	const b = inBeijing(d);
	const hm = `${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`;
	return locale === 'zh'
		? `${b.getUTCFullYear()}年${b.getUTCMonth() + 1}月${b.getUTCDate()}日 ${hm}`
		: `${b.toISOString().slice(0, 10)} ${hm}`;
}

/** A `datetime-local` value ("2026-03-21T09:00") for a moment, in Beijing time. */
export function toBeijingInput(d: Date | string): string {
	return inBeijing(d).toISOString().slice(0, 16);
}

/** "2026-03-01 09:00:05" in Beijing time, for logs and checkpoints. */
export function beijingTimeWithSeconds(d: Date | string): string {
	const b = inBeijing(d).toISOString();
	return `${b.slice(0, 10)} ${b.slice(11, 19)}`;
}
