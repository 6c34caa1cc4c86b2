import { formatArea, type Hundredths } from '../area';
import type { Weight } from '../record/types';

/** Area and heads of a set of owners, area in exact hundredths. */
export interface Tally {
	area: Hundredths;
	heads: number;
}

export const emptyTally = (): Tally => ({ area: 0n, heads: 0 });

/** One owner adds their area and one head — 民法典 第278条 (docs/record-format.md § Counting). */
export function addOwner(t: Tally, area: Hundredths): void {
	t.area += area;
	t.heads += 1;
}

/** The record's form of a tally: area string and integer heads (docs/record-format.md § Conventions). */
export const toWeight = (t: Tally): Weight => ({ area: formatArea(t.area), heads: t.heads });

/**
 * Matters 6–8 of 民法典 第278条 第一款 (筹集/使用维修资金, 改建重建, 改变共有部分用途) need 3/4 of the
 * participating area and heads; all others more than half (docs/record-format.md § Items).
 */
export function isSpecialMatter(matter: number): boolean {
	return matter >= 6 && matter <= 8;
}

/** Which pass line an item is counted by: the one name every layer uses for it. */
export type RuleKind = 'ordinary' | 'special' | 'election';

/** The pass line of an item: elections by majority with seats, resolutions by their matter. */
export function ruleKind(item: { type: 'resolution' | 'election'; matter?: number }): RuleKind {
	if (item.type === 'election') return 'election';
	return isSpecialMatter(item.matter ?? 0) ? 'special' : 'ordinary';
}

/** Quorum: owners of 三分之二以上 the area and 三分之二以上 the heads take part — 民法典 第278条 第二款. */
export function hasQuorum(part: Tally, totals: Tally): boolean {
	return part.area * 3n >= totals.area * 2n && part.heads * 3 >= totals.heads * 2;
}

/** 过半数 is strict: more than half of the participating area and heads — 民法典 第278条, 第1259条. */
export function isMajority(votes: Tally, part: Tally): boolean {
	return votes.area * 2n > part.area && votes.heads * 2 > part.heads;
}

/** 四分之三以上 includes the bound: at least 3/4 of participating area and heads — 民法典 第278条, 第1259条. */
export function isThreeQuarters(votes: Tally, part: Tally): boolean {
	return votes.area * 4n >= part.area * 3n && votes.heads * 4 >= part.heads * 3;
}

/** A resolution passes by 四分之三以上 on matters 6–8, else by 过半数 — 民法典 第278条 第二款. */
export function resolutionPasses(matter: number, votesFor: Tally, part: Tally): boolean {
	return isSpecialMatter(matter) ? isThreeQuarters(votesFor, part) : isMajority(votesFor, part);
}
