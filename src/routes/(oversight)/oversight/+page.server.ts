import { formatArea } from '$lib/domain/area';
import { requireAnyGrant, requireUser } from '$lib/server/auth/guard';
import { translator } from '$lib/i18n';
import { estatesOverview, waitingFor } from '$lib/server/oversight/console';
import { chartLabels, streetChartSvg } from '$lib/server/oversight/street-chart';
import { streetTable } from '$lib/server/oversight/street-table';
import { listEstates, rollSummary } from '$lib/server/places';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const grants = requireAnyGrant(event, 'oversight');
	const user = requireUser(event);
	const db = event.locals.db;
	const labels = chartLabels(translator(event.locals.locale));
	const scopes = await Promise.all(
		grants.map(async (g) => {
			const estates = await listEstates(db, g.placePath);
			const overview = new Map((await estatesOverview(db, g.placePath)).map((o) => [o.id, o]));
			const rows = [];
			for (const e of estates) {
				const r = await rollSummary(db, e.id);
				const o = overview.get(e.id);
				rows.push({
					id: e.id,
					name: e.name,
					community: e.community,
					units: r.units,
					heads: r.heads,
					area: formatArea(r.area),
					roll: o?.roll ?? 'none',
					rollObjections: o?.rollObjections ?? 0,
					byState: o?.byState ?? {}
				});
			}
			return {
				id: g.placeId,
				name: g.placeName,
				estates: rows,
				chart: streetChartSvg(await streetTable(db, g.placePath), labels, `chart-${g.placeId}`),
				waiting: await waitingFor(db, g.placePath, user.id)
			};
		})
	);
	return { scopes };
};
