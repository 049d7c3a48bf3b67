import type { PageServerLoad } from './$types';
import { manageableSurvey } from '$lib/server/surveys/pages';
import { surveyResults } from '$lib/server/surveys/reporting';
import { pickText } from '$lib/i18n/locales';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const survey = await manageableSurvey(locals, url, params.id, 'survey.results');
	const results = await surveyResults(locals.app, locals.actor, survey.id);
	const text = (value: Record<string, string> | undefined) => pickText(value, locals.locale, [survey.city.defaultLocale]);
	return {
		survey: { id: survey.id, kind: survey.kind, status: survey.status, anonymous: survey.anonymous, title: text(survey.title) },
		responses: results.responses,
		questions: results.questions.map((question) => ({ ...question, text: text(question.text), options: question.options?.map((option) => ({ ...option, label: text(option.label) })) }))
	};
};
