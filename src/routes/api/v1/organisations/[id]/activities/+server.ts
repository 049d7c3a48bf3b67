import { z } from 'zod';
import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { ActivityDto, OrganisationActivitiesQuery } from '$lib/server/activities/schemas';
import { listOrganisationActivities } from '$lib/server/activities/listing';
import { presentActivity } from '$lib/server/activities/presenters';

export const GET = endpoint(
	{
		summary: 'An organisation’s activities',
		description: 'Its members (and the city’s admins) see every status; others see published ones.',
		tags: ['Activities'],
		access: 'public',
		query: OrganisationActivitiesQuery,
		response: z.object({ items: z.array(ActivityDto), total: z.number().int(), page: z.number().int(), limit: z.number().int() })
	},
	async ({ app, actor, params, query }) => {
		const result = await listOrganisationActivities(app, actor, uuidParam(params.id, 'Organisation'), query);
		return { ...result, items: result.items.map((a) => presentActivity(a, app.config.publicUrl)) };
	}
);
