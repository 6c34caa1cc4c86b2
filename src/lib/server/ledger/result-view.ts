import type { Item, Result } from '../../domain/record/types';
import type { Executor } from '../db/client';
import { getAssembly, recordItems } from './parts';

/**
 * The stored, signed result with the items it refers to: for staff and oversight once counted,
 * for owners and the public once published.
 */
export async function storedResult(
	db: Executor,
	assemblyId: string,
	audience: 'staff' | 'public'
): Promise<{ result: Result; items: Item[] } | null> {
	const a = await getAssembly(db, assemblyId);
	if (!a?.resultJson) return null;
	if (audience === 'public' && a.state !== 'published') return null;
	return { result: JSON.parse(a.resultJson) as Result, items: await recordItems(db, assemblyId) };
}
