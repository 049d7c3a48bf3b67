import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { SurveyDto, UpdateSurveyInput } from '$lib/server/surveys/schemas';
import { getSurvey, updateSurvey } from '$lib/server/surveys/service';
import { presentSurvey } from '$lib/server/surveys/presenters';

export const GET = endpoint(
	{
		summary: 'A survey',
		description: 'Open surveys for anyone signed in (to answer them); drafts and closed ones for those who see the results.',
		tags: ['Surveys'],
		access: 'user',
		response: SurveyDto,
		errors: ['not_found']
	},
	async ({ app, actor, params }) => presentSurvey(await getSurvey(app, actor, uuidParam(params.id, 'Survey')), app.config.publicUrl)
);

export const PATCH = endpoint(
	{
		summary: 'Change a survey',
		description: 'Its owner. Title and intro any time; questions (replaced whole) and anonymity only while it is a draft.',
		tags: ['Surveys'],
		access: 'user',
		body: UpdateSurveyInput,
		response: SurveyDto,
		bodyLimit: 512 * 1024,
		errors: ['forbidden', 'not_found', 'invalid_state']
	},
	async ({ app, actor, params, body }) => presentSurvey(await updateSurvey(app, actor, uuidParam(params.id, 'Survey'), body), app.config.publicUrl)
);
