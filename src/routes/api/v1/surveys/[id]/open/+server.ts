import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { SurveyDto } from '$lib/server/surveys/schemas';
import { setSurveyStatus } from '$lib/server/surveys/service';
import { presentSurvey } from '$lib/server/surveys/presenters';

export const POST = endpoint(
	{
		summary: 'Open a survey for answers',
		description: 'Its owner. Needs at least one question; the questions are frozen from then on. A closed survey can be opened again.',
		tags: ['Surveys'],
		access: 'user',
		response: SurveyDto,
		errors: ['forbidden', 'not_found', 'invalid_state']
	},
	async ({ app, actor, params }) => presentSurvey(await setSurveyStatus(app, actor, uuidParam(params.id, 'Survey'), 'open'), app.config.publicUrl)
);
