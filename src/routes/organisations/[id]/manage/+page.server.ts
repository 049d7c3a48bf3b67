import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { UpdateOrganisationInput } from '$lib/server/organisations/schemas';
import { updateOrganisation } from '$lib/server/organisations/service';
import { findCityBySlug } from '$lib/server/cities/queries';
import { handleForm } from '$lib/server/forms/forms';
import { requireSignedIn } from '$lib/server/pages/guards';
import { LOCALES } from '$lib/i18n/locales';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	requireSignedIn(locals.actor, url);
	const { org, can } = await parent();
	if (!can.edit) error(403, 'Owners and admins only');
	const city = await findCityBySlug(locals.app.db, org.city.slug);
	const first = city?.locales ?? [];
	return { descriptionLocales: [...first, ...LOCALES.filter((l) => !first.includes(l))] };
};

export const actions: Actions = {
	default: async (event) =>
		handleForm(event.request, UpdateOrganisationInput, {}, async (input) => {
			// An emptied website removes it; emptied description fields remove those languages.
			await updateOrganisation(event.locals.app, event.locals.actor, event.params.id, {
				...input,
				website: input.website ?? null,
				description: input.description ?? {}
			});
			return { saved: true as const };
		})
};
