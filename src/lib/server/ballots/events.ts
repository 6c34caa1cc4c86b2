import { redactError } from '../log';
/** What happened to a ledger, told after the transaction committed (realtime, checkpoints). */
export type LedgerEvent =
	| { type: 'ballots'; assemblyId: string; seqs: number[] }
	| { type: 'state'; assemblyId: string; state: string };

type Listener = (e: LedgerEvent) => void;
const KEY = Symbol.for('gongyi.ledgerListeners');
const g = globalThis as typeof globalThis & { [KEY]?: Set<Listener> };
const listeners = (g[KEY] ??= new Set());

export function onLedgerEvent(fn: Listener): () => void {
	listeners.add(fn);
	return () => listeners.delete(fn);
}

export function emitLedgerEvent(e: LedgerEvent): void {
	for (const fn of listeners) {
		try {
			fn(e);
		} catch (err) {
			console.error('[ledger] listener failed', redactError(err));
		}
	}
}
