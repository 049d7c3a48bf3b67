import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { ActivityDto, ResolveSuggestedSkillsInput } from '$lib/server/activities/schemas';
import { resolveSuggestedSkills } from '$lib/server/activities/service';
import { presentActivity } from '$lib/server/activities/presenters';

export const POST = endpoint(
	{
		summary: 'Confirm the skills an import suggested',
		description: 'Members of its organisation. `accept` lists the suggestions to add to the activity’s skills; all suggestions are then cleared.',
		tags: ['Activities'],
		access: 'user',
		body: ResolveSuggestedSkillsInput,
		response: ActivityDto
	},
	async ({ app, actor, params, body }) => presentActivity(await resolveSuggestedSkills(app, actor, uuidParam(params.id, 'Activity'), body.accept), app.config.publicUrl)
);
