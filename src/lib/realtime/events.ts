/**
 * The Socket.IO event map, shared by the server (`src/lib/server/realtime/`) and the browser
 * (`LiveTurnout.svelte`) so both sides agree on names and payloads.
 */
import type { Item, ItemResult, Weight } from '$lib/domain/record/types';

/** Turnout of an assembly: who took part so far against the roll's totals (docs/record-format.md § Counting 3). */
export interface Turnout {
	assemblyId: string;
	state: string;
	/** The last ledger seq included, so clients (and the bench) know how fresh this is. */
	seq: number;
	totals: Weight;
	participation: Weight;
	/** When the server computed it (RFC 3339). */
	at: string;
}

/** Per-item tallies on the current ledger, for staff, oversight, and owners when allowed. */
export interface LiveTallies {
	items: Item[];
	results: Record<string, ItemResult>;
}

/** A running on-site meeting: the item open for voting now (null between items). */
export interface LiveMeeting {
	open: string | null;
}

export interface LiveState {
	turnout: Turnout;
	tallies: LiveTallies | null;
	/** Null unless a meeting-form assembly's meeting has started (its first item opened). */
	meeting: LiveMeeting | null;
}

export type JoinAnswer = { ok: true } | { ok: false; code: 'live.notFound' | 'live.badRequest' };

export interface ServerToClientEvents {
	/** The current state: sent once on join, then after ballots commit (coalesced). */
	'live:state': (state: LiveState) => void;
}

export interface ClientToServerEvents {
	join: (payload: { assemblyId: string }, answer?: (a: JoinAnswer) => void) => void;
	leave: (payload: { assemblyId: string }) => void;
}

/** The room every watcher of an assembly joins. */
export const assemblyRoom = (assemblyId: string) => `assembly:${assemblyId}`;
/** The room of the sockets that may also see per-item tallies. */
export const talliesRoom = (assemblyId: string) => `assembly:${assemblyId}:tallies`;
