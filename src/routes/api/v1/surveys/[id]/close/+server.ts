import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { SurveyDto } from '$lib/server/surveys/schemas';
import { setSurveyStatus } from '$lib/server/surveys/service';
import { presentSurvey } from '$lib/server/surveys/presenters';

export const POST = endpoint(
	{
		summary: 'Close a survey',
		description: 'Its owner. No more answers are taken; results stay.',
		tags: ['Surveys'],
		access: 'user',
		response: SurveyDto,
		errors: ['forbidden', 'not_found', 'invalid_state']
	},
	async ({ app, actor, params }) => presentSurvey(await setSurveyStatus(app, actor, uuidParam(params.id, 'Survey'), 'closed'), app.config.publicUrl)
);
