import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { isUuid } from '$lib/server/http/validation';
import { csvResponse, loadDashboard } from '$lib/server/stats/pages';
import { isStatsTable, statsCsv } from '$lib/server/stats/csv';

/** One table of an organisation's dashboard as CSV, for the period of the page. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!isStatsTable(params.table) || !isUuid(params.id)) error(404, 'No such table');
	const actor = requireSignedIn(locals.actor, url);
	const { stats } = await loadDashboard(locals.app, actor, { kind: 'organisation', id: params.id }, url, locals.locale ?? 'en');
	return csvResponse(statsCsv(stats, params.table), `organisation-${params.table}`, stats.period);
};
