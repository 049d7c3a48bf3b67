import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { AppError } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/validation';
import { failureFor, issuesToErrors, readForm } from '$lib/server/forms/forms';
import { answerState, answerSurvey, getSurvey, ownerScope } from '$lib/server/surveys/service';
import { can } from '$lib/server/policies/policies';
import { answersFromForm } from '$lib/server/surveys/pages';
import { pickText } from '$lib/i18n/locales';
import type { FieldIssue } from '$lib/server/http/errors';

async function readable(locals: App.Locals, url: URL, id: string) {
	requireSignedIn(locals.actor, url);
	if (!isUuid(id)) error(404, 'Survey not found');
	try {
		return await getSurvey(locals.app, locals.actor, id);
	} catch (caught) {
		if (caught instanceof AppError && caught.code === 'not_found') error(404, 'Survey not found');
		throw caught;
	}
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const survey = await readable(locals, url, params.id);
	const text = (value: Record<string, string> | undefined) => pickText(value, locals.locale, [survey.city.defaultLocale]);
	const state = survey.status === 'open' ? await answerState(locals.app, locals.actor, survey) : 'preview';
	// Those who built the survey see the form as learners will, even when it is not for them.
	const shown = state === 'not_for_you' && can(locals.actor, 'survey.results', ownerScope(survey)) ? 'preview' : state;
	return {
		survey: {
			id: survey.id,
			title: text(survey.title),
			intro: text(survey.intro),
			anonymous: survey.anonymous,
			owner: survey.organisation?.name ?? survey.city.name,
			questions: survey.questions.map((question) => ({
				id: question.id,
				type: question.type,
				required: question.required,
				text: text(question.text),
				options: (question.options ?? []).map((option) => ({ id: option.id, label: text(option.label) })),
				scaleMax: question.scaleMax ?? 5,
				minLabel: text(question.minLabel),
				maxLabel: text(question.maxLabel),
				skills: (question.skills ?? []).map((id) => locals.app.frameworks.item(id)?.title ?? id)
			}))
		},
		state: shown
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		const survey = await readable(locals, url, params.id);
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const values: Record<string, string | string[]> = {};
		for (const name of new Set(form.keys())) values[name] = form.getAll(name).map(String);
		try {
			await answerSurvey(locals.app, locals.actor, survey.id, { consent: form.has('consent'), answers: answersFromForm(form, survey.questions) });
		} catch (caught) {
			if (caught instanceof AppError && caught.code === 'validation_failed' && Array.isArray(caught.details)) {
				// Errors are shown per question, by its place on the page.
				const place = new Map(survey.questions.map((question, index) => [`answers.${question.id}`, `q${index}`]));
				const issues = (caught.details as FieldIssue[]).map((issue) => ({ ...issue, path: place.get(issue.path) ?? issue.path }));
				return fail(422, { errors: issuesToErrors(issues), values });
			}
			if (caught instanceof AppError) return failureFor(caught, values);
			throw caught;
		}
		return { answered: true };
	}
};
