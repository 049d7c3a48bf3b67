import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import type { Period } from './period';

/**
 * The dashboard's SQL. Each statement reads one of the covering indexes made for it (see the schema
 * files: `enrolments_stats_*`, `activities_stats_idx`, `credentials_city_issued_idx`), so that a
 * city of 100,000 activities and 500,000 enrolments is counted from index entries, never from the
 * wide rows; and each pass over a table yields every figure it can (totals, months, bands at once).
 */

/** What a dashboard counts: a whole city, or one organisation's activities, playlists and badges. */
export interface StatsScope {
	cityId: string;
	organisationId?: string;
}

/** An instant as a parameter both drivers send the same way. */
export const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;
export const inPeriod = (column: SQL, p: Pick<Period, 'start' | 'end'>) => sql`(${column} >= ${at(p.start)} and ${column} < ${at(p.end)})`;
/** Months are grouped as timestamps (cheap) and named once per group. */
const monthOf = (column: SQL) => sql`date_trunc('month', ${column} at time zone 'UTC')`;
const monthName = (column: SQL) => sql<string>`to_char(${column}, 'YYYY-MM')`;

/** Rows of a city-owned table that fall in the scope; `alias` names the table in the statement. */
function owned(alias: string, scope: StatsScope, via: 'organisation' | 'activity' | 'playlist'): SQL {
	const city = sql`${sql.raw(alias)}.city_id = ${scope.cityId}`;
	if (!scope.organisationId) return city;
	if (via === 'organisation') return sql`${city} and ${sql.raw(alias)}.organisation_id = ${scope.organisationId}`;
	const table = via === 'activity' ? 'activities' : 'playlists';
	return sql`${city} and ${sql.raw(`${alias}.${via}_id`)} in (select id from ${sql.raw(table)} where city_id = ${scope.cityId} and organisation_id = ${scope.organisationId})`;
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
				exists (select 1 from activities a where a.city_id = o.city_id and a.organisation_id = o.id and a.status in ('published', 'archived') and ${inPeriod(sql`a.published_at`, p)})
				or exists (select 1 from credentials c where c.city_id = o.city_id and c.organisation_id = o.id and ${inPeriod(sql`c.issued_at`, p)}))::int`
		})
		.from(sql`organisations o`)
		// The city office is the city itself, not a learning provider.
		.where(sql`o.city_id = ${cityId} and o.status = 'approved' and o.kind = 'provider' and o.created_at < ${at(p.end)}`);
	return row ?? { approved: 0, active: 0 };
}

/** Age bands from the birth year the learner gave, as of this year. */
/** The rows both learner statements answer (this one, and the city rollups' in rollup-queries.ts). */
export const learnerFigureColumns = {
	kind: sql<'group' | 'demand'>`x.kind`,
	month: sql<string | null>`x.month`,
	band: sql<string>`x.band`,
	needs: sql<boolean>`x.needs`,
	active: sql<boolean>`x.active`,
	fresh: sql<boolean>`x.fresh`,
	skill: sql<string>`x.skill`,
	n: sql<number>`x.n::int`
};

export const AGE_BAND = sql<string>`case
	when lp.birth_year is null then 'unknown'
	when extract(year from now())::int - lp.birth_year < 15 then 'under15'
	when extract(year from now())::int - lp.birth_year < 18 then '15to17'
	when extract(year from now())::int - lp.birth_year < 25 then '18to24'
	when extract(year from now())::int - lp.birth_year < 30 then '25to29'
	else '30plus' end`;

/**
 * The scope's learners, counted once: everyone who enrolled in one of its activities or followed one
 * of its playlists before the period ended. A learner joins on their first such step, and is active
 * when they enrolled, followed, or their enrolment moved on (submitted, completed, left) in the period.
 *
 * One statement, one pass over the enrolments index: rows of kind `group` count learners by the month
 * they joined, age band, stated accessibility needs (with consent), activity and newness, and carry
 * their enrolments and completions in the period (the inclusion figures); rows of kind `demand` count
 * the learners wanting each skill.
 */
export function learnerFigures(db: Db, scope: StatsScope, p: Period) {
	return db
		.select({
			...learnerFigureColumns,
			made: sql<number>`x.made::int`,
			completed: sql<number>`x.completed::int`
		})
		.from(
			sql`(with ev as (
					select e.user_id, min(e.created_at) as first_at,
						bool_or(${inPeriod(sql`e.created_at`, p)} or ${inPeriod(sql`e.updated_at`, p)}) as active,
						count(*) filter (where ${inPeriod(sql`e.created_at`, p)} and e.status <> 'waitlisted') as made,
						count(*) filter (where e.status = 'completed' and ${inPeriod(sql`e.updated_at`, p)}) as completed
					from enrolments e where ${owned('e', scope, 'activity')} and e.created_at < ${at(p.end)} group by e.user_id
					union all
					select f.user_id, min(f.created_at), bool_or(${inPeriod(sql`f.created_at`, p)}), 0, 0
					from playlist_followers f where ${owned('f', scope, 'playlist')} and f.created_at < ${at(p.end)} group by f.user_id
				), l as (
					select user_id, min(first_at) as first_at, bool_or(active) as active, sum(made) as made, sum(completed) as completed from ev group by user_id
				), lp as materialized (
					select l.*, p.birth_year, p.skill_needs, coalesce(cardinality(p.accessibility_needs) > 0 and p.inclusion_stats_consent, false) as needs
					from l left join learner_profiles p on p.user_id = l.user_id
				)
				select 'group' as kind, ${monthName(sql`g.m`)} as month, g.band, g.needs, g.active, g.fresh, null as skill, g.n, g.made, g.completed
				from (select ${monthOf(sql`lp.first_at`)} as m, ${AGE_BAND} as band, lp.needs, lp.active, lp.first_at >= ${at(p.start)} as fresh,
						count(*) as n, sum(lp.made) as made, sum(lp.completed) as completed
					from lp group by 1, 2, 3, 4, 5) g
				union all
				select 'demand', null, null, null, null, null, v.skill, count(*), 0, 0
				from lp cross join lateral unnest(lp.skill_needs) as v(skill) group by v.skill
			) x`
		);
}

/**
 * The activities on offer, grouped by the month they were published and whether that was in the
 * period, with the counts of each kind: totals and the monthly trend from one pass.
 */
export async function activityMonths(db: Db, scope: StatsScope, p: Period) {
	return db
		.select({
			month: monthName(sql`x.m`),
			fresh: sql<boolean>`x.fresh`,
			offered: sql<number>`x.offered::int`,
			online: sql<number>`x.online::int`,
			international: sql<number>`x.international::int`,
			qualityLabel: sql<number>`x.quality::int`,
			withSkills: sql<number>`x.skills::int`
		})
		.from(
			sql`(select ${monthOf(sql`a.published_at`)} as m, ${inPeriod(sql`a.published_at`, p)} as fresh, count(*) as offered,
				count(*) filter (where a.mode in ('online', 'hybrid')) as online, count(*) filter (where a.international) as international,
				count(*) filter (where a.quality_label) as quality, count(*) filter (where cardinality(a.skills) > 0) as skills
				from activities a where ${offered(scope, p)} group by 1, 2) x`
		);
}

/** Supply: offered activities tagged with each skill (kind `skill`) and each framework (`framework`). */
export async function skillSupply(db: Db, scope: StatsScope, p: Period) {
	return db
		.select({ kind: sql<'skill' | 'framework'>`x.kind`, id: sql<string>`x.id`, n: sql<number>`x.n::int` })
		.from(
			sql`(select v.kind, v.id, count(*) as n
				from activities a cross join lateral (
					select 'skill' as kind, s as id from unnest(a.skills) s
					union all select 'framework', f from unnest(a.frameworks) f
				) v
				where ${offered(scope, p)} group by 1, 2) x`
		);
}

/** Enrolments made and completed (a completed enrolment's last change is its completion) per month. */
export async function enrolmentMonths(db: Db, scope: StatsScope, p: Period) {
	const [made, completed] = await Promise.all([
		db
			.select({ month: monthName(sql`x.m`), n: sql<number>`x.n::int` })
			.from(
				sql`(select ${monthOf(sql`e.created_at`)} as m, count(*) as n from enrolments e
					where ${owned('e', scope, 'activity')} and ${inPeriod(sql`e.created_at`, p)} and e.status <> 'waitlisted' group by 1) x`
			),
		db
			.select({ month: monthName(sql`x.m`), n: sql<number>`x.n::int` })
			.from(
				sql`(select ${monthOf(sql`e.updated_at`)} as m, count(*) as n from enrolments e
					where ${owned('e', scope, 'activity')} and e.status = 'completed' and ${inPeriod(sql`e.updated_at`, p)} group by 1) x`
			)
	]);
	return { made, completed };
}

/** Badges issued per month, and how many of them are in a learner's account (not waiting at an e-mail). */
export async function badgeMonths(db: Db, scope: StatsScope, p: Period) {
	return db
		.select({ month: monthName(sql`x.m`), issued: sql<number>`x.issued::int`, claimed: sql<number>`x.claimed::int` })
		.from(
			sql`(select ${monthOf(sql`c.issued_at`)} as m, count(*) as issued, count(*) filter (where c.user_id is not null) as claimed
				from credentials c where ${owned('c', scope, 'organisation')} and ${inPeriod(sql`c.issued_at`, p)} group by 1) x`
		);
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
