import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { ActivityDto } from '$lib/server/activities/schemas';
import { publishActivity } from '$lib/server/activities/service';
import { presentActivity } from '$lib/server/activities/presenters';

export const POST = endpoint(
	{
		summary: 'Publish an activity',
		description:
			'Checks that the activity is complete (422 lists what is missing). In a city that moderates activities it goes to `in_review` until a city admin approves it.',
		tags: ['Activities'],
		access: 'user',
		response: ActivityDto,
		errors: ['invalid_state']
	},
	async ({ app, actor, params }) => presentActivity(await publishActivity(app, actor, uuidParam(params.id, 'Activity')), app.config.publicUrl)
);
