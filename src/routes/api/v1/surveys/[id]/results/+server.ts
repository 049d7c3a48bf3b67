import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { SurveyResultsDto } from '$lib/server/surveys/schemas';
import { surveyResults } from '$lib/server/surveys/reporting';
import { presentSurvey } from '$lib/server/surveys/presenters';

export const GET = endpoint(
	{
		summary: 'A survey’s results',
		description: 'Its owner and the city’s admins. Per question: counts per option, the distribution and mean of a scale, the mean per competence item, free-text answers.',
		tags: ['Surveys'],
		access: 'user',
		response: SurveyResultsDto,
		errors: ['forbidden', 'not_found']
	},
	async ({ app, actor, params }) => {
		const results = await surveyResults(app, actor, uuidParam(params.id, 'Survey'));
		return { ...results, survey: presentSurvey(results.survey, app.config.publicUrl, results.responses) };
	}
);
