import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { QuestionInput, UpdateSurveyInput } from '$lib/server/surveys/schemas';
import { setSurveyStatus, updateSurvey } from '$lib/server/surveys/service';
import { manageableSurvey, perLocale, questionFormToInput, questionsAsInput, surveyEditorContext } from '$lib/server/surveys/pages';
import { formToValues } from '$lib/server/activities/form';
import { failureFor, issuesToErrors, readForm } from '$lib/server/forms/forms';
import { toFieldIssues } from '$lib/server/http/validation';
import { AppError, type FieldIssue } from '$lib/server/http/errors';
import { pickText } from '$lib/i18n/locales';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const survey = await manageableSurvey(locals, url, params.id);
	const context = await surveyEditorContext(locals.app, survey);
	const text = (value: Record<string, string> | undefined) => pickText(value, locals.locale, [survey.city.defaultLocale]);
	const values: Record<string, string | string[]> = { anonymous: survey.anonymous ? 'on' : '' };
	for (const [locale, value] of Object.entries(survey.title)) values[`title.${locale}`] = value;
	for (const [locale, value] of Object.entries(survey.intro)) values[`intro.${locale}`] = value;
	return {
		survey: { id: survey.id, kind: survey.kind, status: survey.status, anonymous: survey.anonymous, title: text(survey.title), owner: survey.organisation?.name ?? null },
		questions: survey.questions.map((question) => ({
			id: question.id,
			type: question.type,
			required: question.required,
			text: text(question.text),
			options: (question.options ?? []).map((option) => text(option.label)),
			scaleMax: question.scaleMax ?? null,
			skills: (question.skills ?? []).map((id) => locals.app.frameworks.item(id)?.title ?? id)
		})),
		locales: context.locales,
		frameworks: context.frameworks,
		values,
		created: url.searchParams.has('created')
	};
};

/** Problems of the whole question list name `questions.<n>.<field>`; the form shows them on its own fields. */
const ownFields = (issues: FieldIssue[]) => issues.map((issue) => ({ ...issue, path: issue.path.replace(/^questions\.\d+\./, '') }));

export const actions: Actions = {
	settings: async ({ locals, params, request, url }) => {
		const survey = await manageableSurvey(locals, url, params.id);
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const values = formToValues(form);
		const parsed = UpdateSurveyInput.safeParse({ title: perLocale(form, 'title'), intro: perLocale(form, 'intro'), ...(survey.status === 'draft' && { anonymous: form.has('anonymous') }) });
		if (!parsed.success) return fail(422, { form: 'settings', errors: issuesToErrors(toFieldIssues(parsed.error)), values });
		try {
			await updateSurvey(locals.app, locals.actor, survey.id, parsed.data);
		} catch (error) {
			if (error instanceof AppError) return failureFor(error, { ...values, form: 'settings' });
			throw error;
		}
		return { done: 'saved' as const };
	},
	add: async ({ locals, params, request, url }) => {
		const survey = await manageableSurvey(locals, url, params.id);
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const values = { ...formToValues(form), skills: form.getAll('skills').map(String) };
		const parsed = QuestionInput.safeParse(questionFormToInput(form));
		if (!parsed.success) return fail(422, { form: 'add', errors: issuesToErrors(toFieldIssues(parsed.error)), values });
		try {
			await updateSurvey(locals.app, locals.actor, survey.id, { questions: [...questionsAsInput(survey.questions), parsed.data] });
		} catch (error) {
			if (error instanceof AppError && error.code === 'validation_failed' && Array.isArray(error.details)) return fail(422, { form: 'add', errors: issuesToErrors(ownFields(error.details as FieldIssue[])), values });
			if (error instanceof AppError) return failureFor(error, { ...values, form: 'add' });
			throw error;
		}
		return { done: 'added' as const };
	},
	remove: async ({ locals, params, request, url }) => {
		const survey = await manageableSurvey(locals, url, params.id);
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const id = String(form.get('questionId') ?? '');
		try {
			await updateSurvey(locals.app, locals.actor, survey.id, { questions: questionsAsInput(survey.questions.filter((question) => question.id !== id)) });
		} catch (error) {
			if (error instanceof AppError) return failureFor(error);
			throw error;
		}
		return { done: 'removed' as const };
	},
	open: async ({ locals, params, url }) => status(locals, url, params.id, 'open'),
	close: async ({ locals, params, url }) => status(locals, url, params.id, 'closed')
};

async function status(locals: App.Locals, url: URL, id: string, to: 'open' | 'closed') {
	await manageableSurvey(locals, url, id);
	try {
		await setSurveyStatus(locals.app, locals.actor, id, to);
	} catch (error) {
		if (error instanceof AppError) return failureFor(error);
		throw error;
	}
	return { done: to };
}
