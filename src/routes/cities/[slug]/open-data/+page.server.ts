import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { cityOpenData } from '$lib/server/stats/open-data';
import { StatsQuery } from '$lib/server/stats/schemas';
import { searchParamsToObject } from '$lib/server/http/validation';
import { AppError } from '$lib/server/http/errors';

/** The city's published figures, for anyone; a bad period falls back to the last twelve months. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const parsed = StatsQuery.safeParse(searchParamsToObject(url.searchParams));
	try {
		return { data: await cityOpenData(locals.app, params.slug, parsed.success ? parsed.data : {}, locals.locale ?? 'en') };
	} catch (cause) {
		if (cause instanceof AppError && cause.code === 'not_found') error(404, 'City not found');
		throw cause;
	}
};
