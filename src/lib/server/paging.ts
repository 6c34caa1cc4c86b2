/** Pages beyond this are no real estate's; the bound keeps OFFSET within PostgreSQL's integers. */
export const MAX_PAGE = 10_000;

/** A `?page=` value as a page number 1…MAX_PAGE; anything else (1e20, -5, 2.5, abc) is page 1. */
export function parsePage(value: string | null): number {
	if (value === null || !/^\d{1,5}$/.test(value)) return 1;
	const n = Number(value);
	return n >= 1 && n <= MAX_PAGE ? n : 1;
}
