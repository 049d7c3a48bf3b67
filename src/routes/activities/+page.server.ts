import type { PageServerLoad } from './$types';
import { SearchQuery } from '$lib/server/discovery/schemas';
import { searchActivities } from '$lib/server/discovery/search';
import { searchFacets } from '$lib/server/discovery/facets';
import { presentSummary } from '$lib/server/discovery/presenters';
import { listAllCities } from '$lib/server/cities/queries';
import { issuesToErrors } from '$lib/server/forms/forms';
import { toFieldIssues, searchParamsToObject } from '$lib/server/http/validation';
import { AppError } from '$lib/server/http/errors';
import { skillFilterOptions } from '$lib/server/discovery/filter-options';
import { monthRange } from '$lib/time/months';

const VIEWS = ['list', 'map', 'calendar'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const view = VIEWS.find((v) => v === url.searchParams.get('view')) ?? 'list';
	const raw = searchParamsToObject(url.searchParams);
	delete raw.view;
	delete raw.month;
	const month = monthRange(url.searchParams.get('month'));
	if (view === 'calendar') Object.assign(raw, { from: month.from, to: month.to });
	// The map and the calendar show more at once than a page of the list.
	const parsed = SearchQuery.safeParse({ ...raw, facets: 'true', ...(view !== 'list' && { limit: '50' }) });
	const cities = (await listAllCities(locals.app.db)).map((c) => ({ slug: c.slug, name: c.name, lat: c.centerLat, lon: c.centerLon }));
	const base = { view, month, map: locals.app.config.map, cities, skillOptions: skillFilterOptions(locals.app.frameworks), frameworks: locals.app.frameworks.frameworks.map((f) => ({ id: f.id, name: f.name })) };
	if (!parsed.success) {
		return { ...base, query: raw, errors: issuesToErrors(toFieldIssues(parsed.error)), items: [], total: 0, totalIsExact: true, page: 1, limit: 20, facets: null };
	}
	try {
		const result = await searchActivities(locals.app, parsed.data, { locale: locals.locale, now: new Date() });
		return {
			...base,
			query: raw,
			errors: {},
			items: result.records.map((r) => ({ ...presentSummary(r, '', r.distance), timezone: r.city.timezone })),
			total: result.total,
			totalIsExact: result.totalIsExact,
			page: parsed.data.page,
			limit: parsed.data.limit,
			facets: await searchFacets(locals.app.db, result.plan)
		};
	} catch (cause) {
		if (!(cause instanceof AppError)) throw cause;
		const errors = Array.isArray(cause.details) ? issuesToErrors(cause.details as never) : { form: cause.message };
		return { ...base, query: raw, errors, items: [], total: 0, totalIsExact: true, page: 1, limit: 20, facets: null };
	}
};
