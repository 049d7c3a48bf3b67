import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { ActivityDto } from '$lib/server/activities/schemas';
import { duplicateActivity } from '$lib/server/activities/service';
import { presentActivity } from '$lib/server/activities/presenters';

export const POST = endpoint(
	{
		summary: 'Duplicate an activity',
		description: 'A new draft with the same content and schedule, for running it again.',
		tags: ['Activities'],
		access: 'user',
		response: ActivityDto,
		status: 201
	},
	async ({ app, actor, params }) => presentActivity(await duplicateActivity(app, actor, uuidParam(params.id, 'Activity')), app.config.publicUrl)
);
