import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import type { Period } from './period';
import { AGE_BAND, at, enrolmentMonths, inPeriod, learnerFigureColumns } from './queries';

/**
 * The city dashboard's figures that would otherwise group every enrolment, read from the rollups the
 * database keeps on each write (`stats_city_learners`, `stats_city_months`; migration
 * `stats_rollup_triggers`). Same definitions and same numbers as the statements of `queries.ts`,
 * which an organisation's dashboard still uses (its share of a city is small).
 */


/**
 * The city's learners as `learnerFigures` counts them, from one row per learner. A learner is active
 * when something they did falls in the period: certain when their first or last step does; when the
 * period lies strictly between the two, their enrolments and follows are asked (two index probes,
 * only for those learners, of whom there are none for a period that runs to today).
 * Enrolments made and completed by learners with needs come from `inclusionEnrolments`.
 */
export function cityLearnerFigures(db: Db, cityId: string, p: Period) {
	// Learners whose first step is before the period and last after it: active only if a step lies
	// in between. Apart, so the planner sizes this set (none for a period running to today) and not
	// every learner's probes.
	const straddling = sql`select s.user_id from stats_city_learners s
		where s.city_id = ${cityId} and s.first_at < ${at(p.start)} and s.last_at >= ${at(p.end)}
		and (exists (select 1 from enrolments e where e.city_id = s.city_id and e.user_id = s.user_id
				and e.created_at < ${at(p.end)} and (${inPeriod(sql`e.created_at`, p)} or ${inPeriod(sql`e.updated_at`, p)}))
			or exists (select 1 from playlist_followers f where f.city_id = s.city_id and f.user_id = s.user_id and ${inPeriod(sql`f.created_at`, p)}))`;
	return db
		.select(learnerFigureColumns)
		.from(
			sql`(with between as materialized (${straddling}),
				lp as materialized (
					select s.first_at, s.first_at >= ${at(p.start)} as fresh,
						s.first_at >= ${at(p.start)} or ${inPeriod(sql`s.last_at`, p)} or s.user_id in (select user_id from between) as active,
						p.birth_year, p.skill_needs, coalesce(cardinality(p.accessibility_needs) > 0 and p.inclusion_stats_consent, false) as needs
					from stats_city_learners s left join learner_profiles p on p.user_id = s.user_id
					where s.city_id = ${cityId} and s.first_at < ${at(p.end)}
				)
				select 'group' as kind, to_char(g.m, 'YYYY-MM') as month, g.band, g.needs, g.active, g.fresh, null as skill, g.n
				from (select date_trunc('month', lp.first_at at time zone 'UTC') as m, ${AGE_BAND} as band, lp.needs, lp.active, lp.fresh, count(*) as n
					from lp group by 1, 2, 3, 4, 5) g
				union all
				select 'demand', null, null, null, null, null, v.skill, count(*)
				from lp cross join lateral unnest(lp.skill_needs) as v(skill) group by v.skill
			) x`
		);
}

/**
 * Enrolments made and completed in the period by the city's learners who stated needs and consented
 * to be counted: few learners, reached through their profiles and the enrolments index.
 */
export async function inclusionEnrolments(db: Db, cityId: string, p: Period) {
	const [row] = await db
		.select({
			made: sql<number>`count(*) filter (where ${inPeriod(sql`e.created_at`, p)} and e.status <> 'waitlisted')::int`,
			completed: sql<number>`count(*) filter (where e.status = 'completed' and ${inPeriod(sql`e.updated_at`, p)})::int`
		})
		.from(sql`learner_profiles p join enrolments e on e.city_id = ${cityId} and e.user_id = p.user_id and e.created_at < ${at(p.end)}`)
		.where(sql`cardinality(p.accessibility_needs) > 0 and p.inclusion_stats_consent`);
	return row ?? { made: 0, completed: 0 };
}

/** The first instant of the UTC month an instant is in, and of the next month. */
const monthStart = (instant: Date) => new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), 1));
const nextMonth = (month: Date) => new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));

/**
 * The period cut at month boundaries: the whole months inside it (summed from the monthly counters)
 * and the partial months at either end (counted from the enrolments, a month's worth at most each).
 */
export function splitByMonths(p: Pick<Period, 'start' | 'end'>) {
	const first = p.start.getTime() === monthStart(p.start).getTime() ? p.start : nextMonth(monthStart(p.start));
	const last = monthStart(p.end);
	if (first >= last) return { whole: null, partial: [{ start: p.start, end: p.end }] };
	const partial = [
		{ start: p.start, end: first },
		{ start: last, end: p.end }
	].filter((range) => range.start < range.end);
	return { whole: { start: first, end: last }, partial };
}

type MonthCount = { month: string; n: number };

/** Enrolments made and completed per month over the period, like `enrolmentMonths` for a whole city. */
export async function cityEnrolmentMonths(db: Db, cityId: string, p: Period) {
	const { whole, partial } = splitByMonths(p);
	const day = (instant: Date) => instant.toISOString().slice(0, 10);
	const [counters, ...edges] = await Promise.all([
		whole
			? db
					.select({ month: sql<string>`to_char(m.month, 'YYYY-MM')`, made: sql<number>`m.made`, completed: sql<number>`m.completed` })
					.from(sql`stats_city_months m`)
					.where(sql`m.city_id = ${cityId} and m.month >= ${day(whole.start)}::date and m.month < ${day(whole.end)}::date`)
			: [],
		...partial.map((range) => enrolmentMonths(db, { cityId }, { ...p, ...range }))
	]);
	const made = new Map<string, number>();
	const completed = new Map<string, number>();
	const add = (into: Map<string, number>, month: string, n: number) => n && into.set(month, (into.get(month) ?? 0) + n);
	for (const row of counters) {
		add(made, row.month, row.made);
		add(completed, row.month, row.completed);
	}
	for (const edge of edges) {
		for (const row of edge.made) add(made, row.month, row.n);
		for (const row of edge.completed) add(completed, row.month, row.n);
	}
	const rows = (counts: Map<string, number>): MonthCount[] => [...counts].map(([month, n]) => ({ month, n }));
	return { made: rows(made), completed: rows(completed) };
}
