import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { SurveyDto } from '$lib/server/surveys/schemas';
import { surveysToAnswer } from '$lib/server/surveys/service';
import { presentSurvey } from '$lib/server/surveys/presenters';

export const GET = endpoint(
	{
		summary: 'Surveys for me to answer',
		description: 'Open surveys meant for the signed-in learner that they have not answered yet.',
		tags: ['Surveys', 'Me'],
		access: 'user',
		response: z.object({ items: z.array(SurveyDto) })
	},
	async ({ app, actor }) => ({ items: (await surveysToAnswer(app, actor)).map((survey) => presentSurvey(survey, app.config.publicUrl)) })
);
