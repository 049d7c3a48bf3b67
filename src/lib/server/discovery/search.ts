import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Db } from '../db/database';
import type { FrameworkCatalog } from '../frameworks/catalog';
import { validationFailed } from '../http/errors';
import { activities } from '../activities/schema';
import { findCityBySlug } from '../cities/queries';
import { summaryColumns, type ActivitySummaryRecord } from '../activities/queries';
import { cities } from '../cities/schema';
import { organisations } from '../organisations/schema';
import type { SearchQuery } from './schemas';
import { preparedFor } from './statements';

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

/** Great-circle distance in km from a point to the activity (haversine). */
function distanceKm(lat: SQL, lon: SQL): SQL<number> {
	return sql<number>`(6371 * 2 * asin(sqrt(power(sin(radians(${a.lat} - ${lat}) / 2), 2)
		+ cos(radians(${lat})) * cos(radians(${a.lat})) * power(sin(radians(${a.lon} - ${lon}) / 2), 2))))`;
}

/**
 * What a plan's statements stand for: placeholders in the SQL and their values. `shape` names the
 * conditions present, the order and the groups, without values: two searches of the same shape run
 * the same statements (see statements.ts).
 */
class Bindings {
	readonly values: Record<string, unknown> = {};
	readonly shape: string[] = [];

	/** A placeholder for `value`, typed in SQL (`::text[]`) where the database could not infer it. */
	value(name: string, value: unknown, cast?: string): SQL {
		this.values[name] = value;
		return cast ? sql`${sql.placeholder(name)}::${sql.raw(cast)}` : sql`${sql.placeholder(name)}`;
	}

	/** A condition with its part of the shape. */
	add(conditions: SQL[], part: string, condition: SQL): void {
		this.shape.push(part);
		conditions.push(condition);
	}
}

export interface SearchPlan {
	/** Every match: what the total and the facets count. */
	where: SQL;
	/**
	 * The matches split into groups listed one after the other, each in `order`. Sorting by relevance
	 * lists the activities with every word in their title first, then those with some words only in
	 * the description; within each group, soonest first. Each group can then be read in the order of
	 * the listing index and stop at the page's end, instead of ranking thousands of matches.
	 */
	tiers: SQL[];
	distance: SQL<number> | undefined;
	order: SQL[];
	/** Nearest first: `order` is the distance, then LISTING_ORDER (see pageQuery). */
	nearestFirst: boolean;
	/**
	 * The order the count reads matches in. Any order gives the same count, but asking for the listing
	 * order makes the planner read the listing index from the date bound on instead of scanning the
	 * table (measured on 100,000 activities: 2 ms instead of 8 for a skill and a date range).
	 */
	countOrder: SQL[];
	/** The values of the placeholders in the SQL above. */
	values: Record<string, unknown>;
	/** The conditions, order and groups, without values: plans of one shape share their statements. */
	shape: string;
}

/** Soonest first, always-open last, then by id: the listing index's order, and what breaks ties between equal distances. */
const LISTING_ORDER = [sql`${a.alwaysOpen} asc`, sql`${a.startsAt} asc nulls last`, sql`${a.id} asc`];

/**
 * Turns a search query into SQL: only published activities; a city's own plus every online or
 * international one; upcoming (or always open) unless a date range is given.
 */
export function planSearch(query: SearchQuery, context: { cityId?: string | undefined; locale: string; now: Date; catalog: FrameworkCatalog }): SearchPlan {
	const bind = new Bindings();
	// Constants are written into the SQL: every value in a prepared statement must be a placeholder.
	const conditions: SQL[] = [sql`${a.status} = 'published'`];
	if (context.cityId) bind.add(conditions, 'city', sql`(${a.cityId} = ${bind.value('city', context.cityId, 'uuid')} or ${a.mode} = 'online' or ${a.international})`);

	let textMatch: SQL | undefined;
	let titleMatch: SQL | undefined;
	const words = query.q?.replace(/[^\p{L}\p{N}"\s-]/gu, ' ').trim();
	if (words) {
		const locale = bind.value('locale', context.locale, 'text');
		const phrase = bind.value('words', words, 'text');
		const tsquery = sql`(websearch_to_tsquery(col_ts_config(${locale}), ${phrase}) || websearch_to_tsquery('simple', ${phrase}))`;
		textMatch = sql`${a.searchVector} @@ ${tsquery}`;
		titleMatch = sql`${a.titleVector} @@ ${tsquery}`;
		bind.shape.push('words'); // the text match joins the conditions at the end (and the groups)
	}
	if (query.skill?.length) {
		const unknown = query.skill.filter((id) => !context.catalog.item(id));
		if (unknown.length) {
			throw validationFailed(unknown.map((id) => ({ path: 'skill', code: 'unknown_skill', message: `Unknown skill "${id}".` })));
		}
		bind.add(conditions, 'skill', sql`${a.skills} && ${bind.value('skills', withDescendants(context.catalog, query.skill), 'text[]')}`);
	}
	if (query.framework?.length) bind.add(conditions, 'framework', sql`${a.frameworks} && ${bind.value('frameworks', query.framework, 'text[]')}`);
	if (query.mode?.length) bind.add(conditions, 'mode', sql`${a.mode} = any(${bind.value('modes', query.mode, 'text[]')})`);
	if (query.type?.length) bind.add(conditions, 'type', sql`${a.type} = any(${bind.value('types', query.type, 'text[]')})`);
	if (query.lang?.length) bind.add(conditions, 'lang', sql`${a.languages} && ${bind.value('languages', query.lang, 'text[]')}`);
	if (query.accessibility?.length) bind.add(conditions, 'accessibility', sql`${a.accessibility} @> ${bind.value('accessibility', query.accessibility, 'text[]')}`);
	if (query.target?.length) bind.add(conditions, 'target', sql`${a.targetGroups} && ${bind.value('targets', query.target, 'text[]')}`);
	if (query.free) bind.add(conditions, 'free', sql`${a.priceAmount} is null`);
	if (query.quality) bind.add(conditions, 'quality', sql`${a.qualityLabel}`);
	if (query.international) bind.add(conditions, 'international', sql`${a.international}`);
	if (query.age !== undefined) {
		const age = bind.value('age', query.age, 'int');
		bind.add(conditions, 'age', sql`coalesce(${a.ageMin}, 0) <= ${age} and coalesce(${a.ageMax}, 200) >= ${age}`);
	}

	// Dates: an activity matches a range it overlaps; without a range, it must not be over yet.
	const from = query.from ? new Date(query.from) : query.to ? undefined : context.now;
	const to = query.to ? endOfDayIfDate(query.to) : undefined;
	if (from || to) {
		const overlap: SQL[] = [];
		const fromValue = from ? bind.value('from', from.toISOString(), 'timestamptz') : undefined;
		if (fromValue) overlap.push(sql`coalesce(${a.endsAt}, ${a.startsAt}) >= ${fromValue}`);
		if (to) overlap.push(sql`${a.startsAt} <= ${bind.value('to', to.toISOString(), 'timestamptz')}`);
		bind.add(conditions, `dates(${from ? 'from' : ''},${to ? 'to' : ''})`, sql`(${a.alwaysOpen} or (${and(...overlap)}))`);
		if (fromValue) conditions.push(startsNoEarlierThanLongestBefore(fromValue));
	}

	let distance: SQL<number> | undefined;
	if (query.near) {
		const [lat, lon] = query.near;
		const dLat = query.radiusKm / 111.2;
		const dLon = query.radiusKm / (111.32 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
		distance = distanceKm(bind.value('lat', lat, 'float8'), bind.value('lon', lon, 'float8'));
		// A bounding box first (the GiST index on the point), then the exact distance.
		const corner = (name: string, x: number, y: number) => sql`point(${bind.value(`${name}X`, x, 'float8')}, ${bind.value(`${name}Y`, y, 'float8')})`;
		bind.add(conditions, 'near', sql`point(${a.lon}, ${a.lat}) <@ box(${corner('low', lon - dLon, lat - dLat)}, ${corner('high', lon + dLon, lat + dLat)})`);
		conditions.push(sql`${distance} <= ${bind.value('radius', query.radiusKm, 'float8')}`);
	}

	const sort = query.sort ?? (titleMatch ? 'relevance' : distance ? 'distance' : 'date');
	const where = and(...conditions, textMatch)!;
	const planned = { where, distance, values: bind.values };
	if (sort === 'relevance' && textMatch && titleMatch) {
		// A title match is a text match (the search vector holds the title's words): saying it twice
		// would only make the planner think the group ten times smaller than it is.
		const tiers = [and(...conditions, titleMatch)!, and(where, sql`not (${titleMatch})`)!];
		return { ...planned, tiers, order: LISTING_ORDER, nearestFirst: false, countOrder: LISTING_ORDER, shape: [...bind.shape, 'by:relevance'].join(' ') };
	}
	const nearestFirst = sort === 'distance' && distance !== undefined;
	const order = nearestFirst ? [sql`${distance} asc`, ...LISTING_ORDER] : LISTING_ORDER;
	// Nearest first sorts every match in the box anyway; the count is cheapest without an order there.
	return {
		...planned,
		tiers: [where],
		order,
		nearestFirst,
		countOrder: nearestFirst ? [] : LISTING_ORDER,
		shape: [...bind.shape, `by:${nearestFirst ? 'distance' : 'date'}`].join(' ')
	};
}

/**
 * Implied by the overlap condition but usable by the listing index (status, always_open, starts_at):
 * an activity that ends on or after `from` cannot start earlier than `from` minus the longest span of
 * any published activity (read from the end of activities_span_idx). Always-open activities sort after
 * every dated one, so the row comparison keeps them all.
 */
function startsNoEarlierThanLongestBefore(from: SQL): SQL {
	const longest = sql`(select max(coalesce(${a.endsAt}, ${a.startsAt}) - ${a.startsAt}) from ${a}
		where ${a.status} = 'published' and not ${a.alwaysOpen})`;
	return sql`(${a.alwaysOpen}, ${a.startsAt}) >= (false, ${from} - coalesce(${longest}, interval '0'))`;
}

function endOfDayIfDate(value: string): Date {
	return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(value);
}

/** The most matches a search counts; above that the total is "at least this many". */
export const COUNT_CAP = 1000;

export interface SearchOutcome {
	/** The page, with each activity's distance from `near` when the search has one. */
	records: PageRow[];
	total: number;
	totalIsExact: boolean;
}

/**
 * How many activities match, counted up to the `countLimit` placeholder, as a scalar subquery: inside
 * a page's statement the database runs it once, and alone it is one small statement.
 */
function countedUpTo(where: SQL, order: SQL[]): SQL<number> {
	const matches = sql`select 1 from ${a} where ${where}${order.length ? sql` order by ${sql.join(order, sql`, `)}` : sql``} limit ${sql.placeholder('countLimit')}`;
	return sql<number>`(select count(*) from (${matches}) as matches)`.mapWith(Number);
}

/** Counts the matches of all the plan (`tier` undefined) or of one of its groups, up to `limit`. */
async function countUpTo(db: Db, plan: SearchPlan, tier: number | undefined, limit: number): Promise<number> {
	const where = tier === undefined ? plan.where : plan.tiers[tier]!;
	const statement = preparedFor(db, `count ${tier ?? 'all'} ${plan.shape}`, () => db.select({ n: countedUpTo(where, plan.countOrder) }).from(sql`(select 1) as one`));
	const [row] = await statement.execute({ ...plan.values, countLimit: limit });
	return row?.n ?? 0;
}

type PageRow = ActivitySummaryRecord & { distance?: number };

type CountColumn = Record<string, SQL<number>>;

/**
 * The statement for one group of a page, with `limit` and `offset` placeholders (and `countLimit` when
 * it carries the count); the benchmark runs its SQL raw as its baseline.
 */
export function pageQuery(db: Db, plan: SearchPlan, tier: number, withCount: boolean) {
	const counted: CountColumn = withCount ? { counted: countedUpTo(plan.where, plan.countOrder) } : {};
	if (plan.nearestFirst && plan.distance) return nearestPageQuery(db, plan, plan.distance, tier, counted);
	return db
		.select({ ...summaryColumns, ...(plan.distance ? { distance: plan.distance } : {}), ...counted })
		.from(a)
		.innerJoin(cities, eq(cities.id, a.cityId))
		.innerJoin(organisations, eq(organisations.id, a.organisationId))
		.where(plan.tiers[tier])
		.orderBy(...plan.order)
		.limit(sql.placeholder('limit'))
		.offset(sql.placeholder('offset'));
}

/**
 * Nearest first sorts every match in the circle (1,370 of 100,000 activities within 5 km of Breda's
 * centre). Sorting narrow rows (id, distance) and joining cities, organisations and the card's
 * columns for the page alone: 4.1–4.4 ms instead of 5.8–6.0 for the page's query alone in psql;
 * p50 5.7–6.1 ms instead of 6.9–7.5 for the whole statement (with its count) run by a client,
 * old and new in alternation.
 */
function nearestPageQuery(db: Db, plan: SearchPlan, distance: SQL<number>, tier: number, counted: CountColumn) {
	const page = db
		.select({ id: a.id, distance: sql<number>`${distance}`.as('distance') })
		.from(a)
		.where(plan.tiers[tier])
		.orderBy(...plan.order)
		.limit(sql.placeholder('limit'))
		.offset(sql.placeholder('offset'))
		.as('page');
	return db
		.select({ ...summaryColumns, distance: page.distance, ...counted })
		.from(page)
		.innerJoin(a, eq(a.id, page.id))
		.innerJoin(cities, eq(cities.id, a.cityId))
		.innerJoin(organisations, eq(organisations.id, a.organisationId))
		.orderBy(page.distance, ...LISTING_ORDER);
}

/**
 * One page of matches with what a card shows, reading the plan's groups in turn from where the page
 * starts. The first statement also carries the capped count of all matches, so that a typical page is
 * one round trip to the database.
 */
export async function readPage(db: Db, plan: SearchPlan, page: { limit: number; offset: number; countLimit: number }) {
	const rows: PageRow[] = [];
	let counted: number | undefined;
	let skip = page.offset;
	for (let index = 0; index < plan.tiers.length; index++) {
		const withCount = counted === undefined;
		const statement = preparedFor(db, `page ${index}${withCount ? ' counted' : ''} ${plan.shape}`, () => pageQuery(db, plan, index, withCount));
		const found = await statement.execute({ ...plan.values, limit: page.limit - rows.length, offset: skip, countLimit: page.countLimit });
		counted ??= (found[0] as { counted?: number } | undefined)?.counted;
		rows.push(...found.map((row) => ({ ...row.activity, city: row.city, organisation: row.organisation, distance: (row as { distance?: number }).distance })));
		if (rows.length >= page.limit || index === plan.tiers.length - 1) break;
		// The next group starts after this one: the page skipped all of it, or it ended on this page.
		const inTier = found.length > 0 ? skip + found.length : await countUpTo(db, plan, index, skip);
		skip = Math.max(0, skip - inTier);
	}
	return { rows, counted };
}

/**
 * Totals are counted up to four pages past the current one, and never beyond COUNT_CAP; above that they
 * are reported as "at least this many" (`totalIsExact: false`).
 */
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
	const offset = (query.page - 1) * query.limit;
	const cap = Math.min(COUNT_CAP, (query.page + 4) * query.limit);
	const { rows, counted: countedWithPage } = await readPage(app.db, plan, { limit: query.limit, offset, countLimit: cap + 1 });
	// An empty page carries no count: count apart, unless it is the first page (then there is nothing).
	const counted = countedWithPage ?? (offset > 0 ? await countUpTo(app.db, plan, undefined, cap + 1) : 0);
	return {
		records: rows,
		total: Math.min(counted, cap),
		totalIsExact: counted <= cap,
		plan
	};
}
