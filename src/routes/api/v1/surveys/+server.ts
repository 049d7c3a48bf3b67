import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { CreateSurveyInput, SurveyDto, SurveysQuery } from '$lib/server/surveys/schemas';
import { createSurvey, listSurveys } from '$lib/server/surveys/service';
import { countResponses } from '$lib/server/surveys/queries';
import { presentSurvey } from '$lib/server/surveys/presenters';

export const GET = endpoint(
	{
		summary: 'Surveys of a city or an organisation',
		description: 'For those who see their results: `city` for the city’s admins (every survey in the city), `organisation` for its members and the city’s admins. Newest first.',
		tags: ['Surveys'],
		access: 'user',
		query: SurveysQuery,
		response: z.object({ items: z.array(SurveyDto) }),
		errors: ['forbidden', 'not_found']
	},
	async ({ app, actor, query }) => {
		const found = await listSurveys(app, actor, query);
		const counts = await countResponses(app.db, found.map((survey) => survey.id));
		return { items: found.map((survey) => presentSurvey(survey, app.config.publicUrl, counts.get(survey.id) ?? 0)) };
	}
);

export const POST = endpoint(
	{
		summary: 'Build a survey',
		description:
			'A draft survey of a city (`city`: its admins) or an organisation (`organisationId`: its members). `kind` says whom it asks; feedback is attached to an activity, playlist surveys to a playlist of the same owner. Questions: `single`, `multiple`, `scale` (1..scaleMax with end labels), `text`, `competence` (the learner rates themself 1..scaleMax on each framework item). Texts per locale.',
		tags: ['Surveys'],
		access: 'user',
		body: CreateSurveyInput,
		response: SurveyDto,
		status: 201,
		bodyLimit: 512 * 1024,
		errors: ['forbidden']
	},
	async ({ app, actor, body }) => presentSurvey(await createSurvey(app, actor, body), app.config.publicUrl, 0)
);
