import { endpoint } from '$lib/server/http/endpoint';
import { ActivityDto, CreateActivityInput } from '$lib/server/activities/schemas';
import { createActivity } from '$lib/server/activities/service';
import { presentActivity } from '$lib/server/activities/presenters';
import { SearchQuery, SearchResultDto } from '$lib/server/discovery/schemas';
import { searchActivities } from '$lib/server/discovery/search';
import { searchFacets } from '$lib/server/discovery/facets';
import { presentSummary } from '$lib/server/discovery/presenters';

export const GET = endpoint(
	{
		summary: 'Search published activities',
		description:
			'Full-text search in the content’s language (`q`, words in `locale`, default the request’s language) with filters. `city` shows that city’s activities plus every online and international one. Without `from`/`to` only upcoming and always-open activities are listed. Repeat a parameter (or separate with commas) to give several values. `facets=true` adds counts per filter value. `limit` is at most 50.',
		tags: ['Activities'],
		access: 'public',
		query: SearchQuery,
		response: SearchResultDto,
		cacheSeconds: 10,
		direct: true
	},
	async ({ app, query, locale }) => {
		const result = await searchActivities(app, query, { locale, now: new Date() });
		return {
			items: result.records.map((record) => presentSummary(record, app.config.publicUrl, record.distance)),
			total: result.total,
			totalIsExact: result.totalIsExact,
			page: query.page,
			limit: query.limit,
			...(query.facets ? { facets: await searchFacets(app.db, result.plan) } : {})
		};
	}
);

export const POST = endpoint(
	{
		summary: 'Create an activity',
		description:
			'Members of an approved organisation. It starts as a draft; publish it with `POST /api/v1/activities/{id}/publish`. `skills` are framework item ids (`lifecomp:P1.1`, `digcomp:2.1`) of frameworks the city uses. Descriptions are Markdown.',
		tags: ['Activities'],
		access: 'user',
		body: CreateActivityInput,
		response: ActivityDto,
		status: 201,
		bodyLimit: 512 * 1024,
		errors: ['invalid_state']
	},
	async ({ app, actor, body }) => presentActivity(await createActivity(app, actor, body), app.config.publicUrl)
);
