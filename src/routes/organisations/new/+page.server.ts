import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { CreateOrganisationInput } from '$lib/server/organisations/schemas';
import { createOrganisation } from '$lib/server/organisations/service';
import { listAllCities } from '$lib/server/cities/queries';
import { handleForm } from '$lib/server/forms/forms';
import { requireSignedIn } from '$lib/server/pages/guards';
import { LOCALES } from '$lib/i18n/locales';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSignedIn(locals.actor, url);
	const cities = await listAllCities(locals.app.db);
	return {
		cities: cities.map((c) => ({ slug: c.slug, name: c.name })),
		city: url.searchParams.get('city') ?? cities[0]?.slug,
		// The description can be written in any interface language; the page language comes first.
		descriptionLocales: [locals.locale, ...LOCALES.filter((l) => l !== locals.locale)]
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireSignedIn(event.locals.actor, event.url);
		return handleForm(event.request, CreateOrganisationInput, {}, async (input) => {
			const org = await createOrganisation(event.locals.app, actor, input);
			redirect(303, `/organisations/${org.id}?registered=1`);
		});
	}
};
