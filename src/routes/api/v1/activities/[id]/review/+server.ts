import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { ActivityDto, ReviewActivityInput } from '$lib/server/activities/schemas';
import { reviewActivity } from '$lib/server/activities/service';
import { presentActivity } from '$lib/server/activities/presenters';

export const POST = endpoint(
	{
		summary: 'Review an activity submitted for publication',
		description: 'City admins, in cities that moderate activities: `approve` publishes it, `reject` sends it back to draft with the comment.',
		tags: ['Activities'],
		access: 'user',
		body: ReviewActivityInput,
		response: ActivityDto,
		errors: ['invalid_state']
	},
	async ({ app, actor, params, body }) =>
		presentActivity(await reviewActivity(app, actor, uuidParam(params.id, 'Activity'), body), app.config.publicUrl)
);
