/** A seeded PRNG (sfc32) so sample records are reproducible; never for nonces of real ballots. */
export interface Prng {
	/** Uniform in [0, 1). */
	next(): number;
	/** Uniform integer in [0, n). */
	int(n: number): number;
	/** `n` random bytes as lowercase hex. */
	hex(bytes: number): string;
}

/** sfc32 seeded from a string via a 32-bit FNV-1a mix (Chris Doty-Humphrey's Small Fast Counting RNG). */
export function seededPrng(seed: string): Prng {
	let h = 0x811c9dc5;
	for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
	let [a, b, c, d] = [h, h ^ 0x9e3779b9, h ^ 0x243f6a88, 1];
	const u32 = () => {
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return t >>> 0;
	};
	for (let i = 0; i < 15; i++) u32();
	const next = () => u32() / 4294967296;
	return {
		next,
		int: (n) => Math.floor(next() * n),
		hex: (bytes) => {
			let s = '';
			for (let i = 0; i < bytes; i++) s += (u32() & 0xff).toString(16).padStart(2, '0');
			return s;
		}
	};
}
