import { and, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { FrameworkCatalog } from '../frameworks/catalog';
import { validationFailed } from '../http/errors';
import { activities } from '../activities/schema';
import { findCityBySlug } from '../cities/queries';
import { loadActivities, type ActivityRecord } from '../activities/queries';
import type { SearchQuery } from './schemas';

const a = activities;

/** The skills a filter on `id` should match: the item and everything below it in its framework. */
function withDescendants(catalog: FrameworkCatalog, ids: string[]): string[] {
	const out = new Set<string>();
	const visit = (id: string) => {
		out.add(id);
		for (const child of catalog.childrenOf(id)) visit(child.id);
	};
	ids.forEach(visit);
	return [...out];
}

const textArray = (values: readonly string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

/** Great-circle distance in km from a point to the activity (haversine). */
function distanceKm(lat: number, lon: number): SQL<number> {
	return sql<number>`(6371 * 2 * asin(sqrt(power(sin(radians(${a.lat} - ${lat}) / 2), 2)
		+ cos(radians(${lat})) * cos(radians(${a.lat})) * power(sin(radians(${a.lon} - ${lon}) / 2), 2))))`;
}

export interface SearchPlan {
	where: SQL;
	rank: SQL<number> | undefined;
	distance: SQL<number> | undefined;
	order: SQL[];
}

/**
 * Turns a search query into SQL: only published activities; a city's own plus every online or
 * international one; upcoming (or always open) unless a date range is given.
 */
export function planSearch(query: SearchQuery, context: { cityId?: string | undefined; locale: string; now: Date; catalog: FrameworkCatalog }): SearchPlan {
	const conditions: SQL[] = [eq(a.status, 'published')];
	if (context.cityId) conditions.push(sql`(${a.cityId} = ${context.cityId} or ${a.mode} = 'online' or ${a.international})`);

	let rank: SQL<number> | undefined;
	const words = query.q?.replace(/[^\p{L}\p{N}"\s-]/gu, ' ').trim();
	if (words) {
		const tsquery = sql`(websearch_to_tsquery(col_ts_config(${context.locale}), ${words}) || websearch_to_tsquery('simple', ${words}))`;
		conditions.push(sql`${a.searchVector} @@ ${tsquery}`);
		rank = sql<number>`ts_rank_cd(${a.searchVector}, ${tsquery})`;
	}
	if (query.skill?.length) {
		const unknown = query.skill.filter((id) => !context.catalog.item(id));
		if (unknown.length) {
			throw validationFailed(unknown.map((id) => ({ path: 'skill', code: 'unknown_skill', message: `Unknown skill "${id}".` })));
		}
		conditions.push(sql`${a.skills} && ${textArray(withDescendants(context.catalog, query.skill))}`);
	}
	if (query.framework?.length) conditions.push(sql`${a.frameworks} && ${textArray(query.framework)}`);
	if (query.mode?.length) conditions.push(inArray(a.mode, query.mode));
	if (query.type?.length) conditions.push(inArray(a.type, query.type));
	if (query.lang?.length) conditions.push(sql`${a.languages} && ${textArray(query.lang)}`);
	if (query.accessibility?.length) conditions.push(sql`${a.accessibility} @> ${textArray(query.accessibility)}`);
	if (query.target?.length) conditions.push(sql`${a.targetGroups} && ${textArray(query.target)}`);
	if (query.free) conditions.push(sql`${a.priceAmount} is null`);
	if (query.quality) conditions.push(eq(a.qualityLabel, true));
	if (query.international) conditions.push(eq(a.international, true));
	if (query.age !== undefined) {
		conditions.push(sql`coalesce(${a.ageMin}, 0) <= ${query.age} and coalesce(${a.ageMax}, 200) >= ${query.age}`);
	}

	// Dates: an activity matches a range it overlaps; without a range, it must not be over yet.
	const from = query.from ? new Date(query.from) : query.to ? undefined : context.now;
	const to = query.to ? endOfDayIfDate(query.to) : undefined;
	if (from || to) {
		const overlap: SQL[] = [];
		if (from) overlap.push(sql`coalesce(${a.endsAt}, ${a.startsAt}) >= ${from.toISOString()}::timestamptz`);
		if (to) overlap.push(sql`${a.startsAt} <= ${to.toISOString()}::timestamptz`);
		conditions.push(sql`(${a.alwaysOpen} or (${and(...overlap)}))`);
	}

	let distance: SQL<number> | undefined;
	if (query.near) {
		const [lat, lon] = query.near;
		const dLat = query.radiusKm / 111.2;
		const dLon = query.radiusKm / (111.32 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
		distance = distanceKm(lat, lon);
		// A bounding box first (the GiST index on the point), then the exact distance.
		conditions.push(
			sql`point(${a.lon}, ${a.lat}) <@ box(point(${lon - dLon}::float8, ${lat - dLat}::float8), point(${lon + dLon}::float8, ${lat + dLat}::float8))`
		);
		conditions.push(sql`${distance} <= ${query.radiusKm}`);
	}

	const byDate = [sql`${a.alwaysOpen} asc`, sql`${a.startsAt} asc nulls last`, sql`${a.id} asc`];
	const sort = query.sort ?? (rank ? 'relevance' : distance ? 'distance' : 'date');
	const order =
		sort === 'relevance' && rank
			? [sql`${rank} desc`, ...byDate]
			: sort === 'distance' && distance
				? [sql`${distance} asc`, ...byDate]
				: byDate;
	return { where: and(...conditions)!, rank, distance, order };
}

function endOfDayIfDate(value: string): Date {
	return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(value);
}

/**
 * Totals are counted up to four pages past the current one, and never beyond this; above that they are
 * reported as "at least this many" (`totalIsExact: false`).
 */
export const COUNT_CAP = 1000;

export interface SearchOutcome {
	records: ActivityRecord[];
	distances: Map<string, number>;
	total: number;
	totalIsExact: boolean;
}

export async function searchActivities(
	app: Pick<AppContext, 'db' | 'frameworks'>,
	query: SearchQuery,
	context: { locale: string; now: Date }
): Promise<SearchOutcome & { plan: SearchPlan }> {
	let cityId: string | undefined;
	if (query.city) {
		const city = await findCityBySlug(app.db, query.city);
		if (!city) throw validationFailed([{ path: 'city', code: 'unknown_city', message: 'There is no city with this slug.' }]);
		cityId = city.id;
	}
	const plan = planSearch(query, { cityId, locale: query.locale ?? context.locale, now: context.now, catalog: app.frameworks });
	const rows = await app.db
		.select({ id: a.id, ...(plan.distance ? { distance: plan.distance } : {}) })
		.from(a)
		.where(plan.where)
		.orderBy(...plan.order)
		.limit(query.limit)
		.offset((query.page - 1) * query.limit);
	// A first page that is not full already tells the total. Otherwise count, but only up to a few pages
	// ahead: counting every one of thousands of matches costs more than finding the page.
	const cap = Math.min(COUNT_CAP, (query.page + 4) * query.limit);
	let total = (query.page - 1) * query.limit + rows.length;
	let totalIsExact = true;
	if (rows.length >= query.limit) {
		const matches = app.db.select({ one: sql`1` }).from(a).where(plan.where).limit(cap + 1).as('matches');
		const [counted] = await app.db.select({ n: count() }).from(matches);
		total = Math.min(counted?.n ?? 0, cap);
		totalIsExact = (counted?.n ?? 0) <= cap;
	}
	const records = await loadActivities(app.db, rows.map((r) => r.id), { details: false });
	const distances = new Map(rows.map((r) => [r.id, (r as { distance?: number }).distance ?? NaN]));
	return { records, distances, total, totalIsExact, plan };
}
