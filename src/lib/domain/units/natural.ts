/**
 * Natural order for building and unit labels: digit runs compare by value, so "1栋 101" comes
 * before "1栋 1001" and "2栋" before "10栋". Chinese text compares by the zh collation.
 */
const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });

export function naturalCompare(a: string, b: string): number {
	return collator.compare(a, b);
}

/** Building first, then the unit label, each in natural order. */
export function byBuildingAndUnit(
	a: { building: string; label: string },
	b: { building: string; label: string }
): number {
	return naturalCompare(a.building, b.building) || naturalCompare(a.label, b.label);
}

/** A search key that ignores spaces and case: "5栋104" finds "5栋 104". */
export function searchKey(s: string): string {
	return s.replace(/\s+/g, '').toLowerCase();
}

/** Whether `name` (as typed for a candidate) is one of a unit's owners on the roll. */
export function isOwnerOf(name: string, owners: readonly string[]): boolean {
	const n = searchKey(name);
	return n !== '' && owners.some((o) => searchKey(o) === n);
}
