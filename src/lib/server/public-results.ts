import { desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from './db/client';
import { assembly, place } from './db/schema';

/** Assemblies whose ledger anyone may read, newest first: the visitor's way to the results. */
export function publicResults(db: Executor, limit = 20) {
	return db
		.select({ id: assembly.id, title: assembly.title, state: assembly.state, estate: place.name })
		.from(assembly)
		.innerJoin(place, eq(place.id, assembly.estateId))
		.where(inArray(assembly.state, ['open', 'published']))
		.orderBy(desc(assembly.opensAt))
		.limit(limit);
}
