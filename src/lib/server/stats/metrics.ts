import type { CityStatsDto } from './schemas';

export const TARGET_METRIC_IDS = [
	'providers_approved',
	'providers_active',
	'learners_registered',
	'learners_active',
	'activities_offered',
	'activities_online_share',
	'activities_international_share',
	'activities_quality_share',
	'activities_with_skills_share',
	'enrolments',
	'completions',
	'badges_issued',
	'learners_with_needs_reached'
] as const;
export type TargetMetric = (typeof TARGET_METRIC_IDS)[number];

/**
 * What a city can set a target for: counts of the period, and shares (percent) of the activities on
 * offer. Each reads its actual value from the dashboard's own figures, so progress and the figure shown
 * beside it cannot disagree.
 */
export const TARGET_METRICS = {
	providers_approved: { kind: 'count', read: (s: CityStatsDto) => s.providers?.approved ?? 0 },
	providers_active: { kind: 'count', read: (s: CityStatsDto) => s.providers?.active ?? 0 },
	learners_registered: { kind: 'count', read: (s: CityStatsDto) => s.learners.registered },
	learners_active: { kind: 'count', read: (s: CityStatsDto) => s.learners.active },
	activities_offered: { kind: 'count', read: (s: CityStatsDto) => s.activities.offered },
	activities_online_share: { kind: 'share', read: (s: CityStatsDto) => s.activities.shares.online ?? 0 },
	activities_international_share: { kind: 'share', read: (s: CityStatsDto) => s.activities.shares.international ?? 0 },
	activities_quality_share: { kind: 'share', read: (s: CityStatsDto) => s.activities.shares.qualityLabel ?? 0 },
	activities_with_skills_share: { kind: 'share', read: (s: CityStatsDto) => s.activities.shares.withSkills ?? 0 },
	enrolments: { kind: 'count', read: (s: CityStatsDto) => s.enrolments.made },
	completions: { kind: 'count', read: (s: CityStatsDto) => s.enrolments.completed },
	badges_issued: { kind: 'count', read: (s: CityStatsDto) => s.badges.issued },
	learners_with_needs_reached: { kind: 'count', read: (s: CityStatsDto) => s.inclusion.learners.value ?? 0 }
} as const satisfies Record<TargetMetric, { kind: 'count' | 'share'; read: (stats: CityStatsDto) => number }>;


/** Percent of the target reached, one decimal; above 100 when exceeded. */
export function progressOf(actual: number, target: number): number {
	if (target <= 0) return 100;
	return Math.round((actual / target) * 1000) / 10;
}

export function share(part: number, whole: number): number | null {
	return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}
