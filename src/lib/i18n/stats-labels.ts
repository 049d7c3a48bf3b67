import { m } from '$lib/paraglide/messages';

/** Names of the dashboard's target metrics and age bands, in the reader's language. */
const METRICS: Record<string, () => string> = {
	providers_approved: () => m.dash_metric_providers_approved(),
	providers_active: () => m.dash_metric_providers_active(),
	learners_registered: () => m.dash_metric_learners_registered(),
	learners_active: () => m.dash_metric_learners_active(),
	activities_offered: () => m.dash_metric_activities_offered(),
	activities_online_share: () => m.dash_metric_online_share(),
	activities_international_share: () => m.dash_metric_international_share(),
	activities_quality_share: () => m.dash_metric_quality_share(),
	activities_with_skills_share: () => m.dash_metric_skills_share(),
	enrolments: () => m.dash_metric_enrolments(),
	completions: () => m.dash_metric_completions(),
	badges_issued: () => m.dash_metric_badges_issued(),
	learners_with_needs_reached: () => m.dash_metric_needs_reached()
};

export function metricLabel(metric: string): string {
	return METRICS[metric]?.() ?? metric;
}

const BANDS: Record<string, () => string> = {
	under15: () => m.dash_age_under15(),
	'15to17': () => m.dash_age_15to17(),
	'18to24': () => m.dash_age_18to24(),
	'25to29': () => m.dash_age_25to29(),
	'30plus': () => m.dash_age_30plus(),
	unknown: () => m.dash_age_unknown()
};

export function ageBandLabel(band: string): string {
	return BANDS[band]?.() ?? band;
}
