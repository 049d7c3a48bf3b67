import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import type { Period } from './period';

/** What a dashboard counts: a whole city, or one organisation's activities, playlists and badges. */
export interface StatsScope {
	cityId: string;
	organisationId?: string;
}

/** An instant as a parameter both drivers send the same way. */
const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;
const inPeriod = (column: SQL, p: Period) => sql`(${column} >= ${at(p.start)} and ${column} < ${at(p.end)})`;
const month = (column: SQL) => sql<string>`to_char(date_trunc('month', ${column} at time zone 'UTC'), 'YYYY-MM')`;

/** Rows of a city-owned table that fall in the scope; `alias` names the table in the statement. */
function owned(alias: string, scope: StatsScope, via: 'organisation' | 'activity' | 'playlist'): SQL {
	const city = sql`${sql.raw(alias)}.city_id = ${scope.cityId}`;
	if (!scope.organisationId) return city;
	if (via === 'organisation') return sql`${city} and ${sql.raw(alias)}.organisation_id = ${scope.organisationId}`;
	if (via === 'activity') {
		return sql`${city} and ${sql.raw(alias)}.activity_id in (select id from activities where organisation_id = ${scope.organisationId})`;
	}
	return sql`${city} and ${sql.raw(alias)}.playlist_id in (select id from playlists where organisation_id = ${scope.organisationId})`;
}

/**
 * Activities on offer at some point of the period: published before its end and not archived before
 * its start. Every activity figure and share is a part of this set.
 */
function offered(scope: StatsScope, p: Period): SQL {
	return sql`${owned('a', scope, 'organisation')} and a.status in ('published', 'archived') and a.published_at < ${at(p.end)}
		and (a.archived_at is null or a.archived_at >= ${at(p.start)})`;
}

export async function providerCounts(db: Db, cityId: string, p: Period) {
	const [row] = await db
		.select({
			approved: sql<number>`count(*)::int`,
			active: sql<number>`count(*) filter (where
				exists (select 1 from activities a where a.organisation_id = o.id and ${inPeriod(sql`a.published_at`, p)})
				or exists (select 1 from credentials c where c.organisation_id = o.id and ${inPeriod(sql`c.issued_at`, p)}))::int`
		})
		.from(sql`organisations o`)
		.where(sql`o.city_id = ${cityId} and o.status = 'approved' and o.created_at < ${at(p.end)}`);
	return row ?? { approved: 0, active: 0 };
}

/** Age bands from the birth year the learner gave, as of this year. */
const AGE_BAND = sql<string>`case
	when p.birth_year is null then 'unknown'
	when extract(year from now())::int - p.birth_year < 15 then 'under15'
	when extract(year from now())::int - p.birth_year < 18 then '15to17'
	when extract(year from now())::int - p.birth_year < 25 then '18to24'
	when extract(year from now())::int - p.birth_year < 30 then '25to29'
	else '30plus' end`;

/**
 * The scope's learners, counted once: everyone who enrolled in one of its activities or followed one of
 * its playlists before the period ended. A learner joins on their first such step and is active when
 * they enrolled, followed or received a badge within the period. One pass, grouped by the month they
 * joined, their age band, whether they stated accessibility needs (with consent) and activity, so the
 * totals, age bands, monthly trend and inclusion reach all come from the same rows.
 */
export async function learnerGroups(db: Db, scope: StatsScope, p: Period) {
	return db
		.select({
			month: month(sql`l.first_at`),
			band: AGE_BAND,
			needs: sql<boolean>`coalesce(cardinality(p.accessibility_needs) > 0 and p.inclusion_stats_consent, false)`,
			active: sql<boolean>`l.active`,
			fresh: sql<boolean>`l.first_at >= ${at(p.start)}`,
			n: sql<number>`count(*)::int`
		})
		.from(
			sql`(select ev.user_id, min(ev.at) filter (where ev.joins) as first_at, bool_or(${inPeriod(sql`ev.at`, p)}) as active
				from (
					select e.user_id, e.created_at as at, true as joins from enrolments e where ${owned('e', scope, 'activity')} and e.created_at < ${at(p.end)}
					union all
					select f.user_id, f.created_at, true from playlist_followers f where ${owned('f', scope, 'playlist')} and f.created_at < ${at(p.end)}
					union all
					select c.user_id, c.issued_at, false from credentials c
					where ${owned('c', scope, 'organisation')} and c.user_id is not null and ${inPeriod(sql`c.issued_at`, p)}
				) ev group by ev.user_id) l
			left join learner_profiles p on p.user_id = l.user_id`
		)
		.where(sql`l.first_at is not null`)
		.groupBy(sql`1, 2, 3, 4, 5`);
}

export async function activityCounts(db: Db, scope: StatsScope, p: Period) {
	const [row] = await db
		.select({
			offered: sql<number>`count(*)::int`,
			publishedInPeriod: sql<number>`count(*) filter (where ${inPeriod(sql`a.published_at`, p)})::int`,
			online: sql<number>`count(*) filter (where a.mode in ('online', 'hybrid'))::int`,
			international: sql<number>`count(*) filter (where a.international)::int`,
			qualityLabel: sql<number>`count(*) filter (where a.quality_label)::int`,
			withSkills: sql<number>`count(*) filter (where cardinality(a.skills) > 0)::int`
		})
		.from(sql`activities a`)
		.where(offered(scope, p));
	return row!;
}

/** Supply: offered activities tagged with each skill, and with each framework. */
export async function skillSupply(db: Db, scope: StatsScope, p: Period) {
	const [skills, frameworks] = await Promise.all([
		db
			.select({ id: sql<string>`v.id`, n: sql<number>`count(*)::int` })
			.from(sql`activities a cross join lateral unnest(a.skills) as v(id)`)
			.where(offered(scope, p))
			.groupBy(sql`v.id`),
		db
			.select({ id: sql<string>`v.id`, n: sql<number>`count(*)::int` })
			.from(sql`activities a cross join lateral unnest(a.frameworks) as v(id)`)
			.where(offered(scope, p))
			.groupBy(sql`v.id`)
	]);
	return { skills, frameworks };
}

/** Demand: the scope's learners (as in `learnerGroups`) who want to develop each skill. */
export async function skillDemand(db: Db, scope: StatsScope, p: Period) {
	return db
		.select({ id: sql<string>`v.id`, n: sql<number>`count(*)::int` })
		.from(sql`learner_profiles p cross join lateral unnest(p.skill_needs) as v(id)`)
		.where(
			sql`cardinality(p.skill_needs) > 0 and (
				exists (select 1 from enrolments e where e.user_id = p.user_id and ${owned('e', scope, 'activity')} and e.created_at < ${at(p.end)})
				or exists (select 1 from playlist_followers f where f.user_id = p.user_id and ${owned('f', scope, 'playlist')} and f.created_at < ${at(p.end)}))`
		)
		.groupBy(sql`v.id`);
}

/** Enrolments made and completed (a completed enrolment's last change is its completion) per month. */
export async function enrolmentMonths(db: Db, scope: StatsScope, p: Period) {
	const [made, completed] = await Promise.all([
		db
			.select({ month: month(sql`e.created_at`), n: sql<number>`count(*)::int` })
			.from(sql`enrolments e`)
			.where(sql`${owned('e', scope, 'activity')} and ${inPeriod(sql`e.created_at`, p)} and e.status <> 'waitlisted'`)
			.groupBy(sql`1`),
		db
			.select({ month: month(sql`e.updated_at`), n: sql<number>`count(*)::int` })
			.from(sql`enrolments e`)
			.where(sql`${owned('e', scope, 'activity')} and e.status = 'completed' and ${inPeriod(sql`e.updated_at`, p)}`)
			.groupBy(sql`1`)
	]);
	return { made, completed };
}

/** Badges issued per month, and how many of them are in a learner's account (not waiting at an e-mail). */
export async function badgeMonths(db: Db, scope: StatsScope, p: Period) {
	return db
		.select({ month: month(sql`c.issued_at`), issued: sql<number>`count(*)::int`, claimed: sql<number>`count(*) filter (where c.user_id is not null)::int` })
		.from(sql`credentials c`)
		.where(sql`${owned('c', scope, 'organisation')} and ${inPeriod(sql`c.issued_at`, p)}`)
		.groupBy(sql`1`);
}

export async function publishedMonths(db: Db, scope: StatsScope, p: Period) {
	return db
		.select({ month: month(sql`a.published_at`), n: sql<number>`count(*)::int` })
		.from(sql`activities a`)
		.where(sql`${offered(scope, p)} and ${inPeriod(sql`a.published_at`, p)}`)
		.groupBy(sql`1`);
}

/** Enrolments and completions in the period by learners who stated accessibility needs and consented. */
export async function inclusionEnrolments(db: Db, scope: StatsScope, p: Period) {
	const [row] = await db
		.select({
			enrolments: sql<number>`count(*) filter (where ${inPeriod(sql`e.created_at`, p)} and e.status <> 'waitlisted')::int`,
			completions: sql<number>`count(*) filter (where e.status = 'completed' and ${inPeriod(sql`e.updated_at`, p)})::int`
		})
		.from(sql`learner_profiles p join enrolments e on e.user_id = p.user_id`)
		.where(sql`cardinality(p.accessibility_needs) > 0 and p.inclusion_stats_consent and ${owned('e', scope, 'activity')}`);
	return row ?? { enrolments: 0, completions: 0 };
}

/**
 * Each published playlist's funnel as at the period's end: followers, followers who started (hold a
 * place in one of its activities) and learners who earned its badge. The most followed first.
 */
export async function playlistFunnels(db: Db, scope: StatsScope, p: Period, limit: number) {
	return db
		.select({
			id: sql<string>`pl.id`,
			title: sql<Record<string, string>>`pl.title`,
			followers: sql<number>`(select count(*) from playlist_followers f where f.playlist_id = pl.id and f.created_at < ${at(p.end)})::int`,
			started: sql<number>`(select count(*) from playlist_followers f where f.playlist_id = pl.id and f.created_at < ${at(p.end)}
				and exists (select 1 from playlist_items i join enrolments e on e.activity_id = i.activity_id
					where i.playlist_id = pl.id and e.user_id = f.user_id and e.status in ('joined', 'submitted', 'completed') and e.created_at < ${at(p.end)}))::int`,
			completed: sql<number>`(select count(*) from credentials c where c.playlist_id = pl.id and c.issued_at < ${at(p.end)} and c.revoked_at is null)::int`
		})
		.from(sql`playlists pl`)
		.where(sql`${owned('pl', scope, 'organisation')} and pl.status = 'published'`)
		.orderBy(sql`3 desc, pl.id`)
		.limit(limit);
}
