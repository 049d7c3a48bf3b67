import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { findCityBySlug } from '$lib/server/cities/queries';
import { searchOrganisations } from '$lib/server/organisations/queries';
import { can } from '$lib/server/policies/policies';
import { pickText } from '$lib/i18n/locales';
import { searchActivities } from '$lib/server/discovery/search';
import { SearchQuery } from '$lib/server/discovery/schemas';
import { presentSummary } from '$lib/server/discovery/presenters';
import { listPlaylists } from '$lib/server/playlists/service';
import { presentPlaylistCard } from '$lib/server/playlists/presenters';

export const load: PageServerLoad = async ({ locals, params }) => {
	const city = await findCityBySlug(locals.app.db, params.slug);
	if (!city) error(404, 'City not found');
	const fallbacks = [city.defaultLocale];
	const [organisations, upcoming, featured] = await Promise.all([
		searchOrganisations(locals.app.db, { cityId: city.id, status: 'approved' }, { page: 1, limit: 100 }),
		searchActivities(locals.app, SearchQuery.parse({ city: city.slug, limit: '6' }), { locale: locals.locale, now: new Date() }),
		listPlaylists(locals.app, locals.actor, { city: city.slug, featured: true, page: 1, limit: 6 })
	]);
	return {
		city: {
			slug: city.slug,
			name: city.name,
			tagline: pickText(city.tagline, locals.locale, fallbacks) ?? null
		},
		organisations: organisations.items.map((org) => ({
			id: org.id,
			name: org.name,
			type: org.type,
			description: pickText(org.description, locals.locale, fallbacks) ?? null
		})),
		organisationTotal: organisations.total,
		activities: upcoming.records.map((r) => ({ ...presentSummary(r, ''), timezone: r.city.timezone })),
		activityTotal: upcoming.total,
		featuredPlaylists: featured.items.map((record) => presentPlaylistCard(record, locals.locale)),
		canAdminister: can(locals.actor, 'city.update', { cityId: city.id })
	};
};
