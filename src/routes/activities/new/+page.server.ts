import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { CreateActivityInput } from '$lib/server/activities/schemas';
import { createActivity } from '$lib/server/activities/service';
import { activityEditorContext } from '$lib/server/activities/editor';
import { activityFormToInput, formToValues, sessionRowCount } from '$lib/server/activities/form';
import { findOrganisation } from '$lib/server/organisations/queries';
import { failureFor, issuesToErrors, readForm } from '$lib/server/forms/forms';
import { toFieldIssues } from '$lib/server/http/validation';
import { AppError } from '$lib/server/http/errors';
import { can } from '$lib/server/policies/policies';
import { requireSignedIn } from '$lib/server/pages/guards';

async function organisationFor(locals: App.Locals, url: URL, id: string | null) {
	const actor = requireSignedIn(locals.actor, url);
	const org = id && /^[0-9a-f-]{36}$/.test(id) ? await findOrganisation(locals.app.db, id) : undefined;
	if (!org) error(404, 'Organisation not found');
	if (!can(actor, 'activity.create', { cityId: org.cityId, organisationId: org.id })) error(403, 'Members only');
	return org;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const org = await organisationFor(locals, url, url.searchParams.get('organisation'));
	const context = await activityEditorContext(locals.app, org.cityId);
	const values = { organisationId: org.id, waitlist: 'on', languages: [context.city.defaultLocale] };
	return { organisation: { id: org.id, name: org.name, status: org.status }, ...context, values, sessionRows: sessionRowCount(values) };
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const org = await organisationFor(locals, url, String(form.get('organisationId') ?? ''));
		const context = await activityEditorContext(locals.app, org.cityId);
		const values = formToValues(form);
		const parsed = CreateActivityInput.safeParse(activityFormToInput(form, context.city.timezone));
		if (!parsed.success) return fail(422, { errors: issuesToErrors(toFieldIssues(parsed.error)), values });
		try {
			const activity = await createActivity(locals.app, locals.actor, parsed.data);
			redirect(303, `/activities/${activity.id}/edit?created=1`);
		} catch (cause) {
			if (cause instanceof AppError) return failureFor(cause, values);
			throw cause;
		}
	}
};
