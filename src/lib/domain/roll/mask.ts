/** Masks a phone number for display: the first 3 and last 4 digits stay (138****5678) — PIPL 第51条. */
export function maskPhone(phone: string): string {
	const p = phone.replace(/[\s-]/g, '');
	if (p.length >= 8) return p.slice(0, 3) + '*'.repeat(p.length - 7) + p.slice(-4);
	if (p.length > 2) return '*'.repeat(p.length - 2) + p.slice(-2);
	return '*'.repeat(p.length);
}

/** Masks a name for display: 张伟 → 张*, 张三丰 → 张*丰, 欧阳明月 → 欧**月 — PIPL 第51条. */
export function maskName(name: string): string {
	const chars = Array.from(name.trim());
	if (chars.length <= 1) return '*'.repeat(chars.length);
	if (chars.length === 2) return chars[0] + '*';
	return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
