import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { findCityBySlug } from '$lib/server/cities/queries';
import { searchActivities } from '$lib/server/discovery/search';
import { SearchQuery } from '$lib/server/discovery/schemas';
import { atomFeed } from '$lib/server/activities/feed';

/** The city's newest published activities as an Atom feed. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const city = await findCityBySlug(locals.app.db, params.slug);
	if (!city) error(404, 'City not found');
	const result = await searchActivities(locals.app, SearchQuery.parse({ city: city.slug, limit: '50' }), { locale: locals.locale, now: new Date() });
	const body = atomFeed(city, result.records, { publicUrl: locals.app.config.publicUrl, locale: locals.locale });
	return new Response(body, { headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300' } });
};
