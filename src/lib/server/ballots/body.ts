import { z } from 'zod';
import { ONLINE_CHOICES } from '../../domain/counting/choice';

/**
 * The body of POST /api/assemblies/:id/ballots: item id → a resolution choice or candidate ids.
 * Online choices only ("spoiled" is for paper ballots); the bounds stop oversized bodies early,
 * the item-by-item check against the assembly is `choicesProblem`.
 */
export const BallotBody = z.object({
	choices: z.record(
		z.string().max(64),
		z.union([z.enum(ONLINE_CHOICES), z.array(z.string().max(64)).max(100)])
	)
});
export type BallotBody = z.infer<typeof BallotBody>;
