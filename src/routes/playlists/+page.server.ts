import type { PageServerLoad } from './$types';
import { listPlaylists } from '$lib/server/playlists/service';
import { presentPlaylistCard } from '$lib/server/playlists/presenters';
import { listAllCities } from '$lib/server/cities/queries';

const LIMIT = 24;

/** Published playlists, featured ones first, optionally in one city. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const cities = await listAllCities(locals.app.db);
	const slug = url.searchParams.get('city');
	const city = cities.find((c) => c.slug === slug);
	const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get('page')) || 1));
	const result = await listPlaylists(locals.app, locals.actor, { city: city?.slug, page, limit: LIMIT });
	return {
		cities: cities.map((c) => ({ slug: c.slug, name: c.name })),
		city: city?.slug ?? null,
		playlists: result.items.map((record) => presentPlaylistCard(record, locals.locale)),
		total: result.total,
		page,
		limit: LIMIT
	};
};
