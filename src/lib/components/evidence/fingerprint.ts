/** A short, readable form of a hex public key for people to compare: its first 16 hex digits in groups. */
export function keyFingerprint(publicKey: string): string {
	return (publicKey.slice(0, 16).match(/.{4}/g) ?? []).join(' ');
}
