import { canonicalJson } from '../record/canonical';
import type { Choice } from '../record/types';

/**
 * The first item where a proxy's ballot departs from what the owner directed, or null. Directed
 * items must carry exactly the directed choice (an election's candidates in any order); the others
 * are the proxy's to decide (书面委托 may limit the proxy's authority per matter).
 */
export function directedProblem(
	directed: Record<string, Choice>,
	choices: Record<string, Choice>
): string | null {
	for (const id of Object.keys(directed)) {
		const want = directed[id];
		const got = choices[id];
		const norm = (c: Choice | undefined) =>
			Array.isArray(c) ? canonicalJson([...c].sort()) : canonicalJson(c ?? null);
		if (norm(want) !== norm(got)) return id;
	}
	return null;
}
