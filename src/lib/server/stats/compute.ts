import type { AppContext } from '../app/context';
import type { FrameworkCatalog } from '../frameworks/catalog';
import type { LocalizedText } from '../db/columns';
import { monthsOf, type Period } from './period';
import { share } from './metrics';
import { suppress, suppressedRate } from './suppression';
import { activityMonths, badgeMonths, enrolmentMonths, learnerFigures, playlistFunnels, providerCounts, skillSupply, type StatsScope } from './queries';
import { cityEnrolmentMonths, cityLearnerFigures, inclusionEnrolments } from './rollup-queries';
import { AGE_BANDS, type AgeBand, type CityStatsDto, type TrendRow } from './schemas';

export interface StatsSubject {
	city: { id: string; slug: string; name: string };
	organisation: { id: string; name: string } | null;
	/** A playlist title in the reader's language. */
	titleOf: (text: LocalizedText) => string;
}

/** Playlists listed with their funnel; the rest are counted. */
const FUNNEL_LIMIT = 50;

type Counted = { id: string; n: number };

/** Every figure of a dashboard for a city or one of its organisations (targets are the city's, added after). */
export async function buildStats(app: Pick<AppContext, 'db' | 'frameworks'>, subject: StatsSubject, period: Period): Promise<CityStatsDto> {
	const { db } = app;
	const scope: StatsScope = { cityId: subject.city.id, ...(subject.organisation && { organisationId: subject.organisation.id }) };
	const [providers, learnerResult, activityRows, supplyRows, enrolments, badges, funnels] = await Promise.all([
		subject.organisation ? null : providerCounts(db, scope.cityId, period),
		learnerRowsOf(db, scope, period),
		activityMonths(db, scope, period),
		skillSupply(db, scope, period),
		scope.organisationId ? enrolmentMonths(db, scope, period) : cityEnrolmentMonths(db, scope.cityId, period),
		badgeMonths(db, scope, period),
		playlistFunnels(db, scope, period, FUNNEL_LIMIT)
	]);
	const { rows: learnerRows, inclusion } = learnerResult;

	const months = monthsOf(period);
	const byAge = Object.fromEntries(AGE_BANDS.map((band) => [band, 0])) as Record<AgeBand, number>;
	const newPerMonth = new Map<string, number>();
	const learners = { registered: 0, new: 0, active: 0 };
	const withNeeds = { registered: 0, active: 0, made: 0, completed: 0 };
	const demand: Counted[] = [];
	for (const g of learnerRows) {
		if (g.kind === 'demand') {
			demand.push({ id: g.skill, n: g.n });
			continue;
		}
		learners.registered += g.n;
		byAge[g.band as AgeBand] += g.n;
		if (g.fresh) {
			learners.new += g.n;
			newPerMonth.set(g.month!, (newPerMonth.get(g.month!) ?? 0) + g.n);
		}
		if (g.active) learners.active += g.n;
		if (g.needs) {
			withNeeds.registered += g.n;
			if (g.active) withNeeds.active += g.n;
			withNeeds.made += g.made;
			withNeeds.completed += g.completed;
		}
	}
	if (inclusion) {
		withNeeds.made = inclusion.made;
		withNeeds.completed = inclusion.completed;
	}
	const activities = { offered: 0, publishedInPeriod: 0, online: 0, international: 0, qualityLabel: 0, withSkills: 0 };
	const publishedByMonth = new Map<string, number>();
	for (const row of activityRows) {
		activities.offered += row.offered;
		activities.online += row.online;
		activities.international += row.international;
		activities.qualityLabel += row.qualityLabel;
		activities.withSkills += row.withSkills;
		if (row.fresh) {
			activities.publishedInPeriod += row.offered;
			publishedByMonth.set(row.month, (publishedByMonth.get(row.month) ?? 0) + row.offered);
		}
	}
	const supply = {
		skills: supplyRows.filter((r) => r.kind === 'skill'),
		frameworks: supplyRows.filter((r) => r.kind === 'framework')
	};

	const sum = (rows: { n: number }[]) => rows.reduce((total, row) => total + row.n, 0);
	const perMonth = (rows: { month: string; n: number }[]) => new Map(rows.map((r) => [r.month, r.n]));
	const made = sum(enrolments.made);
	const completed = sum(enrolments.completed);
	const issued = badges.reduce((total, row) => total + row.issued, 0);
	const claimed = badges.reduce((total, row) => total + row.claimed, 0);
	const madeByMonth = perMonth(enrolments.made);
	const completedByMonth = perMonth(enrolments.completed);
	const badgesByMonth = new Map(badges.map((b) => [b.month, b.issued]));
	const trends: TrendRow[] = months.map((month) => ({
		month,
		newLearners: newPerMonth.get(month) ?? 0,
		activitiesPublished: publishedByMonth.get(month) ?? 0,
		enrolments: madeByMonth.get(month) ?? 0,
		completions: completedByMonth.get(month) ?? 0,
		badgesIssued: badgesByMonth.get(month) ?? 0
	}));

	return {
		city: { slug: subject.city.slug, name: subject.city.name },
		organisation: subject.organisation,
		period: { from: period.from, to: period.to },
		providers,
		learners: { ...learners, byAge },
		activities: {
			offered: activities.offered,
			published: activities.publishedInPeriod,
			online: activities.online,
			international: activities.international,
			qualityLabel: activities.qualityLabel,
			withSkills: activities.withSkills,
			shares: {
				online: share(activities.online, activities.offered),
				international: share(activities.international, activities.offered),
				qualityLabel: share(activities.qualityLabel, activities.offered),
				withSkills: share(activities.withSkills, activities.offered)
			}
		},
		skills: coverage(app.frameworks, supply, demand),
		enrolments: { made, completed, completionRate: share(completed, made) },
		badges: { issued, claimed },
		playlists: {
			published: funnels.length,
			funnels: funnels.map((f) => ({ id: f.id, title: subject.titleOf(f.title), followers: f.followers, started: f.started, completed: f.completed }))
		},
		trends,
		inclusion: {
			learners: suppress(withNeeds.registered),
			active: suppress(withNeeds.active),
			enrolments: suppress(withNeeds.made),
			completions: suppress(withNeeds.completed),
			completionRate: suppressedRate(withNeeds.completed, withNeeds.made)
		},
		targets: []
	};
}

/**
 * The learner rows of a dashboard: a whole city's from its rollups, with the inclusion enrolments
 * counted apart; an organisation's share from its enrolments (rows carry those counts themselves).
 */
async function learnerRowsOf(db: AppContext['db'], scope: StatsScope, period: Period) {
	if (scope.organisationId) return { rows: await learnerFigures(db, scope, period), inclusion: null };
	const [rows, inclusion] = await Promise.all([cityLearnerFigures(db, scope.cityId, period), inclusionEnrolments(db, scope.cityId, period)]);
	return { rows: rows.map((row) => ({ ...row, made: 0, completed: 0 })), inclusion };
}

/**
 * Supply and demand per framework and per competence, named from the catalogue. Demand per framework
 * adds up its competences' demand: a learner asking for two skills of one framework counts twice.
 */
function coverage(catalog: FrameworkCatalog, supply: { skills: Counted[]; frameworks: Counted[] }, demand: Counted[]) {
	const competences = new Map<string, { supply: number; demand: number }>();
	for (const s of supply.skills) competences.set(s.id, { supply: s.n, demand: 0 });
	for (const d of demand) competences.set(d.id, { supply: competences.get(d.id)?.supply ?? 0, demand: d.n });
	const frameworkDemand = new Map<string, number>();
	for (const d of demand) {
		const frameworkId = catalog.item(d.id)?.frameworkId ?? d.id.split(':')[0]!;
		frameworkDemand.set(frameworkId, (frameworkDemand.get(frameworkId) ?? 0) + d.n);
	}
	const frameworkSupply = new Map(supply.frameworks.map((f) => [f.id, f.n]));
	const frameworkIds = new Set([...frameworkSupply.keys(), ...frameworkDemand.keys()]);
	const row = (id: string, frameworkId: string, name: string, s: number, d: number) => ({ id, frameworkId, name, supply: s, demand: d, gap: d - s });
	return {
		frameworks: [...frameworkIds]
			.map((id) => row(id, id, catalog.framework(id)?.name ?? id, frameworkSupply.get(id) ?? 0, frameworkDemand.get(id) ?? 0))
			.sort((a, b) => b.supply + b.demand - (a.supply + a.demand) || a.id.localeCompare(b.id)),
		competences: [...competences.entries()]
			.map(([id, c]) => {
				const item = catalog.item(id);
				return row(id, item?.frameworkId ?? id.split(':')[0]!, item ? `${item.code} ${item.title}`.trim() : id, c.supply, c.demand);
			})
			.sort((a, b) => a.frameworkId.localeCompare(b.frameworkId) || b.gap - a.gap || a.id.localeCompare(b.id))
	};
}
