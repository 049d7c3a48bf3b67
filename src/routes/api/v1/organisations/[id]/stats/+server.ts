import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { CityStatsDto, StatsQuery } from '$lib/server/stats/schemas';
import { organisationStats } from '$lib/server/stats/service';

export const GET = endpoint(
	{
		summary: 'An organisation’s dashboard figures',
		description:
			'Members of the organisation, admins of its city and platform admins. The city dashboard limited to the organisation’s activities, playlists and badges (`providers` is null, `targets` empty).',
		tags: ['Dashboards'],
		access: 'user',
		query: StatsQuery,
		response: CityStatsDto,
		errors: ['not_found', 'forbidden']
	},
	async ({ app, actor, params, query, event }) => organisationStats(app, actor, uuidParam(params.id, 'Organisation'), query, event.locals.locale ?? 'en')
);
