import { parseArea, type Hundredths } from '../area';
import { ID } from '../record/format';
import type { Roll, RecordError } from '../record/types';

export interface RollWeights {
	/** Area of each owner who owns at least one unit; every such owner is one head. */
	ownerArea: Map<string, Hundredths>;
	totalArea: Hundredths;
	totalHeads: number;
}

export type RollCheck = { ok: true; weights: RollWeights } | { ok: false; errors: RecordError[] };

const KINDS = new Set(['person', 'organization', 'developer']);

const isObject = (x: unknown): x is Record<string, unknown> =>
	typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Owner area = sum of their units' areas and each owner is one head; the developer's unsold units are
 * one owner — 民法典 第278条, 建筑物区分所有权司法解释 第8、9条 (docs/record-format.md § The roll and the two weights).
 */
export function rollWeights(roll: Roll): RollCheck {
	const errors: RecordError[] = [];
	const problem = (message: string) => errors.push({ code: 'format', message: `roll: ${message}` });
	if (!isObject(roll) || !Array.isArray(roll.owners) || !Array.isArray(roll.units)) {
		problem('needs arrays "owners" and "units"');
		return { ok: false, errors };
	}
	// Owner id → position; their areas and whether any unit names them sit in arrays, so a unit
	// costs one lookup of its owner (200,000 units make a million map operations otherwise).
	const owners = new Map<string, number>();
	const areas: Hundredths[] = [];
	let developers = 0;
	for (const o of roll.owners as unknown[]) {
		if (
			!isObject(o) ||
			typeof o.id !== 'string' ||
			!ID.test(o.id) ||
			!KINDS.has(o.kind as string)
		) {
			problem(`owner ${JSON.stringify(o)} needs an id and a kind person|organization|developer`);
		} else if (owners.has(o.id)) problem(`owner ${o.id} is listed twice`);
		else {
			owners.set(o.id, areas.length);
			areas.push(0n);
			if (o.kind === 'developer') developers++;
		}
	}
	// 司法解释 第9条 counts all of the developer's units as one head, so one developer id.
	if (developers > 1) problem(`${developers} developer owners; the developer is one owner`);
	const unitIds = new Set<string>();
	const owning = new Uint8Array(areas.length);
	let totalArea = 0n;
	for (const u of roll.units as unknown[]) {
		const at = isObject(u) ? owners.get(u.owner as string) : undefined;
		if (at !== undefined) owning[at] = 1;
		const area = isObject(u) ? parseArea(u.area as string) : null;
		if (!isObject(u) || typeof u.id !== 'string' || !ID.test(u.id) || typeof u.label !== 'string') {
			problem(`unit ${JSON.stringify(u)} needs an id and a label`);
		} else if (area === null)
			problem(`unit ${u.id} has area ${JSON.stringify(u.area)}, not "0.00" form`);
		else if (unitIds.size === unitIds.add(u.id).size) problem(`unit ${u.id} is listed twice`);
		else if (at === undefined) {
			unitIds.delete(u.id);
			problem(`unit ${u.id} names unknown owner ${JSON.stringify(u.owner)}`);
		} else {
			areas[at] += area;
			totalArea += area;
		}
	}
	const ownerArea = new Map<string, Hundredths>();
	for (const [id, at] of owners) {
		if (owning[at]) ownerArea.set(id, areas[at]);
		else problem(`owner ${id} owns no unit`);
	}
	if (errors.length) return { ok: false, errors };
	return { ok: true, weights: { ownerArea, totalArea, totalHeads: ownerArea.size } };
}
