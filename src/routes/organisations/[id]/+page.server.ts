import type { PageServerLoad } from './$types';
import { findCityBySlug } from '$lib/server/cities/queries';
import { pickText } from '$lib/i18n/locales';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { org } = await parent();
	const city = await findCityBySlug(locals.app.db, org.city.slug);
	return {
		description: pickText(org.description, locals.locale, city ? [city.defaultLocale] : []) ?? null,
		registered: url.searchParams.has('registered')
	};
};
