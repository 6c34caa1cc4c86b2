// Child process of bench/live.ts: connects many Socket.IO clients over websockets to the loopback
// server, joins one assembly's room and records when each update arrives. Talks to the parent
// over IPC only; exits when told to or after a hard limit.
import { io, type Socket } from 'socket.io-client';

const [url, countArg, assemblyId] = process.argv.slice(2);
const COUNT = Number(countArg);
const HIST_MS = 10_000;
const now = () => performance.timeOrigin + performance.now();
setTimeout(() => process.exit(3), 300_000).unref();

const sockets: Socket[] = [];
/** Per client: seq of each live update → arrival time; and bare broadcasts by id. */
const live: Map<number, number>[] = [];
const bare: Map<number, number>[] = [];
let payloadBytes = 0;

async function connectAll(): Promise<void> {
	const BATCH = 250;
	for (let i = 0; i < COUNT; i += BATCH) {
		const batch = Array.from({ length: Math.min(BATCH, COUNT - i) }, (_, j) => {
			const k = i + j;
			live[k] = new Map();
			bare[k] = new Map();
			const s = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
			sockets[k] = s;
			s.on('live:state', (st: { turnout: { seq: number } }) => {
				const t = now();
				if (!payloadBytes) payloadBytes = JSON.stringify(st).length;
				if (!live[k].has(st.turnout.seq)) live[k].set(st.turnout.seq, t);
			});
			s.on('bench:bare', (m: { id: number }) => bare[k].set(m.id, now()));
			return new Promise<void>((resolve, reject) => {
				s.once('connect_error', reject);
				s.once('connect', () =>
					s.emit('join', { assemblyId }, (a: { ok: boolean }) =>
						a.ok ? resolve() : reject(new Error('join refused'))
					)
				);
			});
		});
		await Promise.all(batch);
	}
}

/** Latency histogram in 1 ms buckets: for each ballot and client, first update covering it. */
function liveHistogram(commits: [number, number][]): number[] {
	const h = new Array<number>(HIST_MS + 1).fill(0);
	for (const m of live) {
		const updates = [...m.entries()].sort((a, b) => a[0] - b[0]);
		for (const [seq, committed] of commits) {
			const u = updates.find(([s]) => s >= seq);
			h[u ? Math.min(HIST_MS, Math.max(0, Math.round(u[1] - committed))) : HIST_MS]++;
		}
	}
	return h;
}

function bareHistogram(sent: [number, number][]): number[] {
	const h = new Array<number>(HIST_MS + 1).fill(0);
	for (const m of bare)
		for (const [id, at] of sent) {
			const t = m.get(id);
			h[t === undefined ? HIST_MS : Math.min(HIST_MS, Math.max(0, Math.round(t - at)))]++;
		}
	return h;
}

process.on(
	'message',
	(msg: { cmd: string; commits?: [number, number][]; sent?: [number, number][] }) => {
		if (msg.cmd === 'results') {
			process.send!({
				cmd: 'results',
				live: liveHistogram(msg.commits!),
				bare: bareHistogram(msg.sent!),
				updates: live.reduce((n, m) => n + m.size, 0) / live.length,
				payloadBytes
			});
		} else if (msg.cmd === 'exit') {
			for (const s of sockets) s.disconnect();
			setTimeout(() => process.exit(0), 200);
		}
	}
);

connectAll().then(
	() => process.send!({ cmd: 'ready' }),
	(e) => {
		console.error('[clients]', e);
		process.exit(2);
	}
);
