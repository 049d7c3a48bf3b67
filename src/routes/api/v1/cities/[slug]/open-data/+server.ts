import { endpoint } from '$lib/server/http/endpoint';
import { OpenDataDto, StatsQuery } from '$lib/server/stats/schemas';
import { cityOpenData } from '$lib/server/stats/open-data';

export const GET = endpoint(
	{
		summary: 'A city’s open data',
		description: 'Anyone. Aggregate, anonymous figures of the city dashboard; counts from 1 to 4 are hidden (`value: null, suppressed: true`).',
		tags: ['Dashboards'],
		access: 'public',
		query: StatsQuery,
		response: OpenDataDto,
		errors: ['not_found'],
		cacheSeconds: 300
	},
	async ({ app, params, query, event }) => cityOpenData(app, params.slug!, query, event.locals.locale ?? 'en')
);
