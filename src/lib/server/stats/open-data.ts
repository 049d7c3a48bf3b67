import type { AppContext } from '../app/context';
import { toPeriod } from './period';
import { cityStatsUnsafeForOpenData } from './service';
import { SUPPRESSION_THRESHOLD, suppress } from './suppression';
import type { OpenDataDto, StatsQuery } from './schemas';

/**
 * What a city publishes: totals, shares, coverage per framework and monthly trends. No names of
 * people, organisations or playlists, no age bands (small and identifying), and every count from 1 to
 * 4 hidden. Shares are of activities, which are public anyway.
 */
export async function cityOpenData(app: Pick<AppContext, 'db' | 'frameworks' | 'config'>, slug: string, query: StatsQuery, locale: string): Promise<OpenDataDto> {
	const stats = await cityStatsUnsafeForOpenData(app, slug, toPeriod(query), locale);
	return {
		city: stats.city,
		period: stats.period,
		suppressionThreshold: SUPPRESSION_THRESHOLD,
		figures: {
			providersApproved: suppress(stats.providers?.approved ?? 0),
			providersActive: suppress(stats.providers?.active ?? 0),
			learnersRegistered: suppress(stats.learners.registered),
			learnersActive: suppress(stats.learners.active),
			activitiesOffered: suppress(stats.activities.offered),
			activitiesOnline: suppress(stats.activities.online),
			activitiesInternational: suppress(stats.activities.international),
			activitiesQualityLabel: suppress(stats.activities.qualityLabel),
			activitiesWithSkills: suppress(stats.activities.withSkills),
			enrolments: suppress(stats.enrolments.made),
			completions: suppress(stats.enrolments.completed),
			badgesIssued: suppress(stats.badges.issued),
			learnersWithNeeds: stats.inclusion.learners
		},
		shares: stats.activities.shares,
		frameworks: stats.skills.frameworks.map((f) => ({ id: f.id, name: f.name, activities: suppress(f.supply), learnersInNeed: suppress(f.demand) })),
		trends: stats.trends.map((t) => ({
			month: t.month,
			newLearners: suppress(t.newLearners),
			enrolments: suppress(t.enrolments),
			completions: suppress(t.completions),
			badgesIssued: suppress(t.badgesIssued),
			activitiesPublished: suppress(t.activitiesPublished)
		}))
	};
}
