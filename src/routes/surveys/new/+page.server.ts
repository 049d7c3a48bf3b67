import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { CreateSurveyInput } from '$lib/server/surveys/schemas';
import { createSurvey } from '$lib/server/surveys/service';
import { perLocale, surveyEditorContext, surveyOwnerFor } from '$lib/server/surveys/pages';
import { formToValues } from '$lib/server/activities/form';
import { attemptAction, issuesToErrors, readForm } from '$lib/server/forms/forms';
import { toFieldIssues } from '$lib/server/http/validation';
import { pickText } from '$lib/i18n/locales';

const ownerParams = (source: { get(name: string): unknown }) => ({
	organisation: typeof source.get('organisationId') === 'string' ? (source.get('organisationId') as string) : null,
	city: typeof source.get('city') === 'string' ? (source.get('city') as string) : null
});

export const load: PageServerLoad = async ({ locals, url }) => {
	const owner = await surveyOwnerFor(locals, url, { organisation: url.searchParams.get('organisation'), city: url.searchParams.get('city') });
	const context = await surveyEditorContext(locals.app, owner);
	const title = (text: Record<string, string>) => pickText(text, locals.locale, [context.city.defaultLocale]);
	return {
		owner: { name: owner.name, organisationId: owner.field.organisationId, city: owner.field.city },
		locales: context.locales,
		activities: context.activities.map((row) => ({ id: row.id, title: title(row.title) })),
		playlists: context.playlists.map((row) => ({ id: row.id, title: title(row.title) })),
		values: { ...owner.field, anonymous: 'on', kind: url.searchParams.get('kind') ?? 'needs', activityId: url.searchParams.get('activity') ?? '', playlistId: url.searchParams.get('playlist') ?? '' } as Record<string, string | string[]>
	};
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		await surveyOwnerFor(locals, url, ownerParams(form));
		const values = formToValues(form);
		const input = {
			...(form.get('organisationId') && { organisationId: String(form.get('organisationId')) }),
			...(form.get('city') && { city: String(form.get('city')) }),
			kind: String(form.get('kind') ?? ''),
			...(form.get('activityId') && { activityId: String(form.get('activityId')) }),
			...(form.get('playlistId') && { playlistId: String(form.get('playlistId')) }),
			anonymous: form.has('anonymous'),
			title: perLocale(form, 'title'),
			intro: perLocale(form, 'intro')
		};
		const parsed = CreateSurveyInput.safeParse(input);
		if (!parsed.success) return fail(422, { errors: issuesToErrors(toFieldIssues(parsed.error)), values });
		return attemptAction(async () => {
			const survey = await createSurvey(locals.app, locals.actor, parsed.data);
			redirect(303, `/surveys/${survey.id}/edit?created=1`);
		}, values);
	}
};
