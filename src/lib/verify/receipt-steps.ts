import type { Translate } from '$lib/i18n';
import type { HeldReceipt, ReceiptOutcome } from './receipt';

export interface Step {
	text: string;
	/** null while still checking. */
	ok: boolean | null;
}

/** Each check of a receipt as a line in plain words, in the order they run. */
export function receiptSteps(
	t: Translate,
	r: HeldReceipt,
	o: ReceiptOutcome | null,
	busy: boolean
): Step[] {
	const steps: Step[] = [
		{ text: t('verify:receipt.read', { seq: r.seq, assembly: r.assembly }), ok: true }
	];
	if (busy || !o) return [...steps, { text: t('verify:receipt.fetching'), ok: null }];
	if (o.step === 'fetch')
		return [...steps, { text: t(`verify:receipt.fetch_${o.code}`), ok: false }];
	steps.push({ text: t('verify:receipt.fetched'), ok: true });
	if (o.step === 'signature')
		return [...steps, { text: t('verify:receipt.signatureBad', { code: o.code }), ok: false }];
	steps.push({ text: t('verify:receipt.signatureOk'), ok: true });
	if (o.step === 'inclusion') {
		const key = o.code === 'notYet' ? 'verify:receipt.notYet' : 'verify:receipt.notIncluded';
		return [...steps, { text: t(key, { n: o.number, size: o.treeSize, code: o.code }), ok: false }];
	}
	steps.push({ text: t('verify:receipt.included', { n: o.number, size: o.treeSize }), ok: true });
	for (const street of o.cosignedBy)
		steps.push({ text: t('verify:receipt.cosigned', { street }), ok: true });
	if (o.witnessed && !o.cosignedBy.length)
		steps.push({ text: t('verify:receipt.notCosigned'), ok: null });
	if (o.count > o.number)
		steps.push({ text: t('verify:receipt.later', { count: o.count }), ok: true });
	return steps;
}

/**
 * The answer in one plain sentence: passed, failed, or not yet possible (null) — shown above the
 * detailed steps so an owner need not read them.
 */
export function receiptVerdict(
	t: Translate,
	r: HeldReceipt,
	o: ReceiptOutcome | null
): { ok: boolean | null; text: string } | null {
	if (!o) return null;
	if (o.step === 'done') return { ok: true, text: t('journeys:verdict.ok', { seq: r.seq }) };
	if (o.step === 'fetch' && o.code !== 'notFound')
		return { ok: null, text: t('journeys:verdict.later') };
	if (o.step === 'inclusion' && o.code === 'notYet')
		return { ok: null, text: t('journeys:verdict.notYet') };
	return { ok: false, text: t('journeys:verdict.bad') };
}
