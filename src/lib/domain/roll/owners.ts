import type { Hundredths } from '../area';
import type { ColumnMap } from './headers';
import type { RollUnit } from './units';
import { DEVELOPER_KEY, type RollProblem, type RollRow, type UnitKind } from './types';

/** One owner of the roll: a person (keyed by idKey) or the developer. */
export interface RollOwner {
	key: string;
	kind: 'person' | 'developer';
	name: string;
	idLast4: string | null;
	phone: string;
	/** Units this owner votes for (sole owner or co-owners' representative). */
	unitKeys: string[];
	/** Units this owner co-owns without being the representative. */
	coOwnedUnitKeys: string[];
	/** Sum of the areas of the voting units whose kind is counted. */
	area: Hundredths;
	/** Counts as one head: votes for at least one unit whose kind is counted. */
	head: boolean;
	firstLine: number;
}

/**
 * Detects owners: one ID number is one owner whatever its number of units, all developer rows are
 * one owner, areas of an owner's units add up — SPC 解释 第9条. Different names for one ID conflict.
 */
export function detectOwners(
	rows: RollRow[],
	units: RollUnit[],
	countedKinds: ReadonlySet<UnitKind>,
	columns: ColumnMap,
	problems: RollProblem[]
): RollOwner[] {
	const owners = new Map<string, RollOwner>();
	for (const row of rows) {
		const key = row.developer ? DEVELOPER_KEY : row.idKey!;
		const owner = owners.get(key);
		if (!owner) {
			owners.set(key, {
				key,
				kind: row.developer ? 'developer' : 'person',
				name: row.ownerName,
				idLast4: row.idLast4,
				phone: row.phone,
				unitKeys: [],
				coOwnedUnitKeys: [],
				area: 0n,
				head: false,
				firstLine: row.line
			});
			continue;
		}
		if (owner.kind === 'person' && owner.name !== row.ownerName) {
			const column = columns.owner_name?.name ?? null;
			const params = { firstLine: owner.firstLine };
			problems.push({ line: row.line, column, code: 'owner.conflict', params });
		}
		owner.name ||= row.ownerName;
		owner.phone ||= row.phone;
	}
	for (const unit of units) {
		const owner = owners.get(unit.ownerKey)!;
		owner.unitKeys.push(unit.key);
		if (countedKinds.has(unit.kind)) {
			owner.area += unit.area;
			owner.head = true;
		}
		for (const k of unit.coOwnerKeys) owners.get(k)!.coOwnedUnitKeys.push(unit.key);
	}
	return [...owners.values()];
}
