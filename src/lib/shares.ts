import { parseArea } from '$lib/domain/area';
import type { Weight } from '$lib/domain/record/types';

/** A share in percent with one decimal, from exact integers (areas in hundredths), for display only. */
export function percent(part: bigint | number, total: bigint | number): number {
	const [p, t] = [BigInt(part), BigInt(total)];
	if (t <= 0n) return 0;
	return Number((p * 1000n) / t) / 10;
}

/** Participation of area and heads against the totals, and whether each reaches 2/3 (民法典 第278条). */
export function shares(participation: Weight, totals: Weight) {
	const pa = parseArea(participation.area) ?? 0n;
	const ta = parseArea(totals.area) ?? 0n;
	return {
		area: { percent: percent(pa, ta), reached: ta > 0n && pa * 3n >= ta * 2n },
		heads: {
			percent: percent(participation.heads, totals.heads),
			reached: totals.heads > 0 && participation.heads * 3 >= totals.heads * 2
		}
	};
}

/** Share of party members among candidates, as a whole percent. */
export function partyPercent(members: number, total: number): number {
	return total === 0 ? 0 : Math.round((members * 100) / total);
}

/** "89.50" → "89.50 m²" with thousands separators for reading. */
export function areaText(area: string): string {
	const [whole, frac] = area.split('.');
	return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}\u00a0m²`;
}

/** The first and last characters of a hash, for places too narrow for 64. */
export const shortHash = (h: string) => `${h.slice(0, 10)}…${h.slice(-6)}`;
