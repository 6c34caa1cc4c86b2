import { z } from 'zod';
import type { AssemblyInput } from './create';
import type { CandidateInput } from './candidates';
import type { ItemInput } from './items';

/** "2026-03-21T09:00" typed into a datetime-local field, read as Beijing time (UTC+8). */
const beijing = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
	.transform((s) => new Date(`${s}:00+08:00`));

const Header = z.object({
	title: z.string().trim().max(200),
	description: z.string().trim().max(5000).default(''),
	form: z.enum(['written', 'meeting']),
	opensAt: beijing,
	closesAt: beijing,
	revote: z.enum(['last', 'first']),
	blank: z.enum(['abstain', 'not_participating']),
	talliesVisible: z.literal('on').optional()
});

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string };

/** The assembly form's fields as a use-case input; a malformed form is `assembly.invalid`. */
export function parseHeader(form: Record<string, FormDataEntryValue>): Parsed<AssemblyInput> {
	const p = Header.safeParse(form);
	if (!p.success) return { ok: false, code: 'assembly.invalid' };
	// The tallies rule exists for the meeting form only (each item's result once it is closed).
	const talliesVisible = p.data.form === 'meeting' && p.data.talliesVisible === 'on';
	return { ok: true, value: { ...p.data, talliesVisible } };
}

const Count = z.coerce.number().int();
const Resolution = z.object({
	title: z.string().max(200),
	description: z.string().max(5000).default(''),
	matter: Count
});
const Election = z.object({
	title: z.string().max(200),
	description: z.string().max(5000).default(''),
	seats: Count,
	alternates: Count
});

export function parseItem(
	type: 'resolution' | 'election',
	form: Record<string, FormDataEntryValue>
): Parsed<ItemInput> {
	const p = (type === 'resolution' ? Resolution : Election).safeParse(form);
	if (!p.success) return { ok: false, code: type === 'resolution' ? 'item.matter' : 'item.seats' };
	return { ok: true, value: { type, ...p.data } as ItemInput };
}

const Candidate = z.object({
	itemKey: z.string().min(1),
	name: z.string().max(200),
	unitId: z.string().optional(),
	profile: z.string().max(5000).default(''),
	partyMember: z.literal('on').optional()
});

export function parseCandidate(
	form: Record<string, FormDataEntryValue>
): Parsed<{ itemKey: string; candidate: CandidateInput }> {
	const p = Candidate.safeParse(form);
	if (!p.success) return { ok: false, code: 'candidate.nameEmpty' };
	const { itemKey, partyMember, unitId, ...rest } = p.data;
	return {
		ok: true,
		value: {
			itemKey,
			candidate: { ...rest, unitId: unitId || null, partyMember: partyMember === 'on' }
		}
	};
}
