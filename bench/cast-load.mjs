// The load generator of bench/cast.ts, in its own process so it does not share the server's event
// loop: autocannon POSTs a ballot from N connections, a warm-up first, then the measured run.
// Input: one JSON argument; output: one JSON line on stdout.
import autocannon from 'autocannon';

const cfg = JSON.parse(process.argv[2]);
let n = 0;
const body = JSON.stringify({ choices: cfg.choices });

function run(duration, times) {
	return new Promise((resolve, reject) => {
		const instance = autocannon(
			{
				url: cfg.url,
				connections: cfg.connections,
				duration,
				requests: [
					{
						method: 'POST',
						path: cfg.paths[0],
						body,
						// A different owner session per request, round robin, and a key of its own.
						// With several assemblies (cfg.paths), requests go round robin over them.
						setupRequest: (req) => ({
							...req,
							path: cfg.paths[n % cfg.paths.length],
							headers: {
								'content-type': 'application/json',
								origin: cfg.origin,
								cookie: `gongyi_session=${cfg.tokens[n % cfg.tokens.length]}`,
								'idempotency-key': `bench-${process.pid}-${n++}`
							}
						})
					}
				]
			},
			(err, result) => (err ? reject(err) : resolve(result))
		);
		if (times) instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
	});
}

function percentile(sorted, p) {
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] : 0;
}

const warm = await run(cfg.warmup, null);
process.stdout.write(JSON.stringify({ warm: true, ok2xx: warm['2xx'] }) + '\n');
const times = [];
const r = await run(cfg.duration, times);
times.sort((a, b) => a - b);
process.stdout.write(
	JSON.stringify({
		requests: r.requests.total,
		ok2xx: r['2xx'],
		non2xx: r.non2xx,
		errors: r.errors,
		timeouts: r.timeouts,
		seconds: r.duration,
		perSecond: r['2xx'] / r.duration,
		p50: percentile(times, 0.5),
		p95: percentile(times, 0.95),
		p99: percentile(times, 0.99)
	}) + '\n'
);
