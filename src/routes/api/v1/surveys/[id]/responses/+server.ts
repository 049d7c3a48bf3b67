import { z } from 'zod';
import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { AnswerSurveyInput } from '$lib/server/surveys/schemas';
import { answerSurvey } from '$lib/server/surveys/service';
import { surveyCsv } from '$lib/server/surveys/reporting';

export const POST = endpoint(
	{
		summary: 'Answer a survey',
		description:
			'A signed-in learner it is meant for (needs: anyone; feedback: participants once the activity is over; pre: followers of the playlist; post and follow-up: those who completed it), once. A linked survey needs `consent: true`; an anonymous one stores no user id.',
		tags: ['Surveys'],
		access: 'user',
		body: AnswerSurveyInput,
		response: z.object({ id: z.uuid() }),
		status: 201,
		bodyLimit: 256 * 1024,
		errors: ['forbidden', 'not_found', 'conflict', 'invalid_state']
	},
	async ({ app, actor, params, body }) => answerSurvey(app, actor, uuidParam(params.id, 'Survey'), body)
);

export const GET = endpoint(
	{
		summary: 'Every response as CSV',
		description: 'Its owner and the city’s admins. One row per response, one column per question (per item for competences), in the reader’s language. Linked answers carry name and e-mail for the survey’s owner (whom the learner consented to); anonymous ones only the day.',
		tags: ['Surveys'],
		access: 'user',
		errors: ['forbidden', 'not_found']
	},
	async ({ app, actor, params, event }) =>
		new Response(await surveyCsv(app, actor, uuidParam(params.id, 'Survey'), event.locals.locale), {
			headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="survey-${params.id}.csv"`, 'cache-control': 'no-store' }
		})
);
