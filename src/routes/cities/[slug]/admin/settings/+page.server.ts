import type { Actions, PageServerLoad } from './$types';
import { UpdateCityInput } from '$lib/server/cities/schemas';
import { getCityOrThrow, updateCity } from '$lib/server/cities/service';
import { TIME_ZONES } from '$lib/server/cities/time-zones';
import { handleForm } from '$lib/server/forms/forms';

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
			tagline: city.tagline
		},
		timezones: TIME_ZONES
	};
};

export const actions: Actions = {
	default: async (event) =>
		handleForm(event.request, UpdateCityInput, { arrays: ['locales'], numbers: ['center.lat', 'center.lon'] }, async (input) => {
			// Every tagline field is on the form: an emptied one removes that language's tagline.
			const tagline = input.tagline ?? {};
			await updateCity(event.locals.app, event.locals.actor, event.params.slug, { ...input, tagline });
			return { saved: true as const };
		})
};
