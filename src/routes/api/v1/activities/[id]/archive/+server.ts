import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { ActivityDto } from '$lib/server/activities/schemas';
import { archiveActivity } from '$lib/server/activities/service';
import { presentActivity } from '$lib/server/activities/presenters';

export const POST = endpoint(
	{
		summary: 'Archive an activity',
		description: 'It leaves search results; its page stays reachable for those who have a link.',
		tags: ['Activities'],
		access: 'user',
		response: ActivityDto,
		errors: ['invalid_state']
	},
	async ({ app, actor, params }) => presentActivity(await archiveActivity(app, actor, uuidParam(params.id, 'Activity')), app.config.publicUrl)
);
