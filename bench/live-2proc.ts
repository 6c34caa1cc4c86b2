// `npm run bench -- live-2proc`: bench/live.ts with its clients on a second app process, every
// update crossing Redis (figure live_2proc_p95_ms next to a bare broadcast over the same path).
process.env.BENCH_LIVE_2PROC = '1';
await import('./live');
