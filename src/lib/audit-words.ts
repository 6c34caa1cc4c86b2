import type { Translate } from './i18n';

/** One object of an audit event: a name to show as is, or a kind to name in the reader's language. */
export interface AuditObject {
	name?: string;
	/** The kind when no name is known: `audit:kind.<kind>`. */
	kind?: string;
	/** A part inside it (an item, candidate or document of an assembly). */
	part?: string;
}

export interface AuditVetting {
	decision: 'approved' | 'rejected' | 'pending';
	reason: string | null;
}

/** An audit event as the pages show it (time already formatted). */
export interface AuditLine {
	seq: number;
	at: string;
	action: string;
	actor: string | null;
	object: AuditObject;
	vetting?: AuditVetting;
}

/** The action in plain words; an action without a name says so and shows its code. */
export function auditActionName(t: Translate, code: string): string {
	return t(`audit:actions.${code}`, { defaultValue: '' }) || t('audit:otherAction', { code });
}

/** The object by its name ("2026年业委会换届选举 · 王建国"), or its kind when it has none. */
export function auditObjectName(t: Translate, o: AuditObject): string {
	const base = o.name ?? t(`audit:kind.${o.kind ?? 'record'}`);
	return o.part ? `${base} · ${o.part}` : base;
}

/** What was decided, where the action carries a decision (vetting: approved, or rejected and why). */
export function auditDetail(t: Translate, e: Pick<AuditLine, 'vetting'>): string {
	if (!e.vetting) return '';
	if (e.vetting.decision === 'approved') return t('audit:vetApproved');
	if (e.vetting.decision === 'pending') return t('audit:vetPending');
	return e.vetting.reason
		? `${t('audit:vetRejected')} · ${t('audit:vetReason', { reason: e.vetting.reason })}`
		: t('audit:vetRejected');
}
