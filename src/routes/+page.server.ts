import type { PageServerLoad } from './$types';
import { listAllCities } from '$lib/server/cities/queries';
import { pickText } from '$lib/i18n/locales';

export const load: PageServerLoad = async ({ locals, url }) => {
	const cities = await listAllCities(locals.app.db);
	return {
		deleted: url.searchParams.has('deleted'),
		cities: cities.map((city) => ({
			slug: city.slug,
			name: city.name,
			tagline: pickText(city.tagline, locals.locale, [city.defaultLocale]) ?? null
		}))
	};
};
