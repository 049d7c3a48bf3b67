import { and, asc, count, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { cities } from '../cities/schema';
import { organisations } from '../organisations/schema';
import { enrolments, HOLDS_PLACE } from '../enrolments/schema';
import { activities, activitySessions } from './schema';
import type { ActivityStatus } from '../../activities/vocabulary';

/**
 * Every column but the search vector: nothing outside the database reads it, and turning it into text
 * costs more than the rest of the row (measured: 5 ms instead of 1.7 ms for 20 rows on PGlite).
 */
const { searchVector: _searchVector, titleVector: _titleVector, ...columnsWithoutVectors } = getTableColumns(activities);
export const activityColumns = columnsWithoutVectors;

export type ActivityRow = Omit<typeof activities.$inferSelect, 'searchVector' | 'titleVector'>;
export type SessionRow = typeof activitySessions.$inferSelect;

/** An activity with what its pages and presenters need around it. */
export interface ActivityRecord extends ActivityRow {
	city: { id: string; slug: string; name: string; defaultLocale: string; timezone: string };
	organisation: { id: string; name: string; status: 'pending' | 'approved' | 'suspended' };
	sessions: SessionRow[];
	places: { taken: number; waiting: number };
}

/** What lists, cards and feeds show of an activity: no sessions, places, quality notes or contact. */
export const summaryColumns = {
	activity: {
		id: activities.id,
		title: activities.title,
		description: activities.description,
		type: activities.type,
		mode: activities.mode,
		startsAt: activities.startsAt,
		endsAt: activities.endsAt,
		alwaysOpen: activities.alwaysOpen,
		locationAddress: activities.locationAddress,
		lat: activities.lat,
		lon: activities.lon,
		languages: activities.languages,
		ageMin: activities.ageMin,
		ageMax: activities.ageMax,
		priceAmount: activities.priceAmount,
		priceCurrency: activities.priceCurrency,
		international: activities.international,
		qualityLabel: activities.qualityLabel,
		accessibility: activities.accessibility,
		skills: activities.skills,
		imageKey: activities.imageKey,
		imageAlt: activities.imageAlt,
		translations: activities.translations,
		publishedAt: activities.publishedAt,
		updatedAt: activities.updatedAt
	},
	city: { id: cities.id, slug: cities.slug, name: cities.name, timezone: cities.timezone },
	organisation: { id: organisations.id, name: organisations.name }
};

export type ActivitySummaryRecord = Pick<ActivityRow, keyof typeof summaryColumns.activity> & {
	city: { id: string; slug: string; name: string; timezone: string };
	organisation: { id: string; name: string };
};

const columns = {
	activity: activityColumns,
	city: { id: cities.id, slug: cities.slug, name: cities.name, defaultLocale: cities.defaultLocale, timezone: cities.timezone },
	organisation: { id: organisations.id, name: organisations.name, status: organisations.status }
};

/**
 * Loads activities by id with their city, organisation, sessions and enrolment counts, in input order.
 * (Search results need less: they select `summaryColumns` in the search itself.)
 */
export async function loadActivities(db: Db, ids: string[]): Promise<ActivityRecord[]> {
	if (ids.length === 0) return [];
	const [rows, sessions, places] = await Promise.all([
		db
			.select(columns)
			.from(activities)
			.innerJoin(cities, eq(cities.id, activities.cityId))
			.innerJoin(organisations, eq(organisations.id, activities.organisationId))
			.where(inArray(activities.id, ids)),
		db.select().from(activitySessions).where(inArray(activitySessions.activityId, ids)).orderBy(asc(activitySessions.startsAt)),
		db
			.select({ activityId: enrolments.activityId, status: enrolments.status, n: count() })
			.from(enrolments)
			.where(and(inArray(enrolments.activityId, ids), inArray(enrolments.status, [...HOLDS_PLACE, 'waitlisted'])))
			.groupBy(enrolments.activityId, enrolments.status)
	]);
	const byId = new Map(
		rows.map((row) => [
			row.activity.id,
			{ ...row.activity, city: row.city, organisation: row.organisation, sessions: [] as SessionRow[], places: { taken: 0, waiting: 0 } }
		])
	);
	for (const session of sessions) byId.get(session.activityId)?.sessions.push(session);
	for (const place of places) {
		const record = byId.get(place.activityId);
		if (!record) continue;
		if (place.status === 'waitlisted') record.places.waiting += place.n;
		else record.places.taken += place.n;
	}
	return ids.map((id) => byId.get(id)).filter((r): r is ActivityRecord => r !== undefined);
}

export async function loadActivity(db: Db, id: string): Promise<ActivityRecord | undefined> {
	return (await loadActivities(db, [id]))[0];
}

/** Only what a policy needs: the activity's city, organisation and status. */
export async function findActivityScope(db: Db, id: string) {
	const [row] = await db
		.select({ id: activities.id, cityId: activities.cityId, organisationId: activities.organisationId, status: activities.status })
		.from(activities)
		.where(eq(activities.id, id));
	return row;
}

export async function listOrganisationActivityIds(
	db: Db,
	organisationId: string,
	filter: { status?: ActivityStatus | undefined },
	page: { page: number; limit: number }
): Promise<{ ids: string[]; total: number }> {
	const conditions: SQL[] = [eq(activities.organisationId, organisationId)];
	if (filter.status) conditions.push(eq(activities.status, filter.status));
	const where = and(...conditions);
	const [rows, [total]] = await Promise.all([
		db
			.select({ id: activities.id })
			.from(activities)
			.where(where)
			.orderBy(desc(activities.updatedAt), asc(activities.id))
			.limit(page.limit)
			.offset((page.page - 1) * page.limit),
		db.select({ n: count() }).from(activities).where(where)
	]);
	return { ids: rows.map((r) => r.id), total: total?.n ?? 0 };
}

/** Activities a city's admins have to look at: submitted for review, oldest first. */
export async function listActivitiesInReview(db: Db, cityId: string): Promise<string[]> {
	const rows = await db
		.select({ id: activities.id })
		.from(activities)
		.where(and(eq(activities.cityId, cityId), eq(activities.status, 'in_review')))
		.orderBy(asc(activities.submittedAt))
		.limit(200);
	return rows.map((r) => r.id);
}

export const activitySearchVector = sql`${activities.searchVector}`;
