import { endpoint } from '$lib/server/http/endpoint';
import { CityStatsDto, StatsQuery } from '$lib/server/stats/schemas';
import { cityStats } from '$lib/server/stats/service';

export const GET = endpoint(
	{
		summary: 'A city’s dashboard figures',
		description:
			'City admins of this city and platform admins. Providers, learners (by age band), activities on offer and their shares, skill supply and demand per framework and competence, enrolments, completions, badges, playlist funnels, monthly trends, inclusion (small counts hidden) and progress against the city’s targets, for a period of whole days (UTC).',
		tags: ['Dashboards'],
		access: 'user',
		query: StatsQuery,
		response: CityStatsDto,
		errors: ['not_found', 'forbidden']
	},
	async ({ app, actor, params, query, event }) => cityStats(app, actor, params.slug!, query, event.locals.locale ?? 'en')
);
