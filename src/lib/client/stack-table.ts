import type { Action } from 'svelte/action';

/**
 * A `.table-stack` table becomes one card per row on phones (CSS in app.css): each cell shows its
 * column's header as a label, taken from the header row into `data-label`. The table keeps its
 * semantics as an explicit ARIA table, since `display: block` drops them in some browsers.
 * Labels follow the table's rows as they change (filters, live updates, language switch).
 */
export const stackTable: Action<HTMLTableElement> = (table) => {
	const label = (th: Element): string => {
		const copy = th.cloneNode(true) as Element;
		copy.querySelectorAll('.sr-only').forEach((s) => s.remove());
		return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
	};
	const apply = () => {
		observer.disconnect();
		const headers = [...(table.tHead?.rows[0]?.cells ?? [])];
		const labels = headers.map(label);
		table.setAttribute('role', 'table');
		for (const group of [table.tHead, ...table.tBodies, table.tFoot])
			group?.setAttribute('role', 'rowgroup');
		for (const th of headers) th.setAttribute('role', 'columnheader');
		for (const body of [...table.tBodies, table.tFoot]) {
			for (const row of body?.rows ?? []) {
				row.setAttribute('role', 'row');
				let col = 0;
				for (const cell of row.cells) {
					const text = cell.colSpan === 1 ? (labels[col] ?? '') : '';
					cell.setAttribute(
						'role',
						cell.tagName === 'TH' && cell.getAttribute('scope') === 'row' ? 'rowheader' : 'cell'
					);
					if (text) cell.setAttribute('data-label', text);
					else cell.removeAttribute('data-label');
					col += cell.colSpan;
				}
			}
		}
		table.tHead?.rows[0]?.setAttribute('role', 'row');
		observer.observe(table, { childList: true, subtree: true, characterData: true });
	};
	const observer = new MutationObserver(apply);
	apply();
	return { destroy: () => observer.disconnect() };
};
