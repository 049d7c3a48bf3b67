import type { Actions, PageServerLoad } from './$types';
import { UpdateCityInput } from '$lib/server/cities/schemas';
import { getCityOrThrow, updateCity } from '$lib/server/cities/service';
import { TIME_ZONES } from '$lib/server/cities/time-zones';
import { handleForm } from '$lib/server/forms/forms';
import { frameworksOfCity } from '$lib/server/frameworks/city-frameworks';

export const load: PageServerLoad = async ({ locals, params }) => {
	const city = await getCityOrThrow(locals.app, params.slug);
	return {
		city: {
			slug: city.slug,
			name: city.name,
			locales: city.locales,
			defaultLocale: city.defaultLocale,
			timezone: city.timezone,
			centerLat: city.centerLat,
			centerLon: city.centerLon,
			tagline: city.tagline,
			moderateActivities: city.moderateActivities,
			guardianConsentUnder: city.guardianConsentUnder
		},
		frameworks: await frameworksOfCity(locals.app.db, locals.app.frameworks, city.id),
		frameworkOptions: locals.app.frameworks.frameworks.map((f) => ({ id: f.id, name: f.name })),
		timezones: TIME_ZONES
	};
};

export const actions: Actions = {
	default: async (event) =>
		handleForm(event.request, UpdateCityInput, { arrays: ['locales', 'frameworks'], numbers: ['center.lat', 'center.lon', 'guardianConsentUnder'], booleans: ['moderateActivities'] }, async (input) => {
			// Every tagline field is on the form: an emptied one removes that language's tagline.
			const tagline = input.tagline ?? {};
			// An emptied age field switches the guardian rule off.
			await updateCity(event.locals.app, event.locals.actor, event.params.slug, { ...input, tagline, guardianConsentUnder: input.guardianConsentUnder ?? null });
			return { saved: true as const };
		})
};
