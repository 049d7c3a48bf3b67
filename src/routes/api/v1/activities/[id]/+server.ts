import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { ActivityDto, UpdateActivityInput } from '$lib/server/activities/schemas';
import { getActivity, updateActivity } from '$lib/server/activities/service';
import { presentActivity } from '$lib/server/activities/presenters';

export const GET = endpoint(
	{
		summary: 'An activity',
		description: 'Published and archived activities are public; drafts and those in review are visible to their organisation and the city’s admins.',
		tags: ['Activities'],
		access: 'public',
		response: ActivityDto,
		errors: ['not_found']
	},
	async ({ app, actor, params }) => presentActivity(await getActivity(app, actor, uuidParam(params.id, 'Activity')), app.config.publicUrl)
);

export const PATCH = endpoint(
	{
		summary: 'Change an activity',
		description: 'Members of its organisation. Fields left out stay as they are; `sessions` replaces the schedule. A published activity must stay complete.',
		tags: ['Activities'],
		access: 'user',
		body: UpdateActivityInput,
		response: ActivityDto,
		bodyLimit: 512 * 1024,
		errors: ['invalid_state']
	},
	async ({ app, actor, params, body }) =>
		presentActivity(await updateActivity(app, actor, uuidParam(params.id, 'Activity'), body), app.config.publicUrl)
);
