/** One objection as the pages show it (dates as ISO strings). */
export interface ObjectionRow {
	id: string;
	text: string;
	state: 'open' | 'answered';
	answer: string | null;
	answeredAt: string | null;
	createdAt: string;
	attachmentType: string | null;
	attachmentSize: number | null;
	filedBy: string;
	read: boolean | null;
}
