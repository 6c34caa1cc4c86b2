import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, LiveMeeting, ServerToClientEvents } from '$lib/realtime/events';

/** A meeting's step as one comparable value: not started, or the item open now (or none). */
export const meetingStep = (m: LiveMeeting | null | undefined): string =>
	m ? `open:${m.open ?? ''}` : 'none';

/**
 * Follows an assembly's live room and calls `changed` when staff open or close a meeting item, so a
 * ballot page shows the item open now without a reload. Ballots alone (turnout) do not call it.
 * Returns the cleanup for onMount.
 */
export function followMeeting(
	assemblyId: string,
	shown: () => LiveMeeting | null | undefined,
	changed: () => unknown
): () => void {
	let socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
	let closed = false;
	void import('socket.io-client').then(({ io }) => {
		if (closed) return;
		socket = io({ path: '/socket.io' });
		socket.on('connect', () => void socket!.emitWithAck('join', { assemblyId }));
		socket.on('live:state', (s) => {
			if (meetingStep(s.meeting) !== meetingStep(shown())) void changed();
		});
	});
	return () => {
		closed = true;
		socket?.disconnect();
	};
}
