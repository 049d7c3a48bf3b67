import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { csvResponse, loadDashboard } from '$lib/server/stats/pages';
import { isStatsTable, statsCsv } from '$lib/server/stats/csv';

/** One table of the city dashboard as CSV, for the same period as the page it was linked from. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!isStatsTable(params.table)) error(404, 'No such table');
	const actor = requireSignedIn(locals.actor, url);
	const { stats } = await loadDashboard(locals.app, actor, { kind: 'city', slug: params.slug }, url, locals.locale ?? 'en');
	return csvResponse(statsCsv(stats, params.table), `${stats.city.slug}-${params.table}`, stats.period);
};
