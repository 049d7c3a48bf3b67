import type { CityStatsDto } from './schemas';
import { AGE_BANDS } from './schemas';

/** The tables a dashboard exports, each as CSV: stable English column names, one row per line. */
export const STATS_TABLES = ['summary', 'age', 'frameworks', 'competences', 'playlists', 'trends', 'inclusion', 'targets'] as const;
export type StatsTable = (typeof STATS_TABLES)[number];

type Cell = string | number | boolean | null;

export function isStatsTable(value: string): value is StatsTable {
	return (STATS_TABLES as readonly string[]).includes(value);
}

function table(stats: CityStatsDto, name: StatsTable): { header: string[]; rows: Cell[][] } {
	const { activities: a } = stats;
	switch (name) {
		case 'summary':
			return {
				header: ['metric', 'value', 'share_percent'],
				rows: [
					...(stats.providers ? [['providers_approved', stats.providers.approved, null], ['providers_active', stats.providers.active, null]] : []),
					['learners_registered', stats.learners.registered, null],
					['learners_new', stats.learners.new, null],
					['learners_active', stats.learners.active, null],
					['activities_offered', a.offered, null],
					['activities_published', a.published, null],
					['activities_online', a.online, a.shares.online],
					['activities_international', a.international, a.shares.international],
					['activities_quality_label', a.qualityLabel, a.shares.qualityLabel],
					['activities_with_skills', a.withSkills, a.shares.withSkills],
					['enrolments', stats.enrolments.made, null],
					['completions', stats.enrolments.completed, stats.enrolments.completionRate],
					['badges_issued', stats.badges.issued, null],
					['badges_claimed', stats.badges.claimed, null],
					['playlists_published', stats.playlists.published, null]
				]
			};
		case 'age':
			return { header: ['age_band', 'learners'], rows: AGE_BANDS.map((band) => [band, stats.learners.byAge[band]]) };
		case 'frameworks':
		case 'competences':
			return {
				header: ['id', 'framework', 'name', 'supply_activities', 'demand_learners', 'gap'],
				rows: stats.skills[name].map((row) => [row.id, row.frameworkId, row.name, row.supply, row.demand, row.gap])
			};
		case 'playlists':
			return { header: ['id', 'title', 'followers', 'started', 'completed'], rows: stats.playlists.funnels.map((f) => [f.id, f.title, f.followers, f.started, f.completed]) };
		case 'trends':
			return {
				header: ['month', 'new_learners', 'activities_published', 'enrolments', 'completions', 'badges_issued'],
				rows: stats.trends.map((t) => [t.month, t.newLearners, t.activitiesPublished, t.enrolments, t.completions, t.badgesIssued])
			};
		case 'inclusion': {
			const i = stats.inclusion;
			const cell = (c: { value: number | null; suppressed: boolean }) => (c.suppressed ? '<5' : c.value);
			return {
				header: ['metric', 'value'],
				rows: [
					['learners_with_needs', cell(i.learners)],
					['active', cell(i.active)],
					['enrolments', cell(i.enrolments)],
					['completions', cell(i.completions)],
					['completion_rate_percent', i.completionRate]
				]
			};
		}
		case 'targets':
			return { header: ['metric', 'kind', 'target', 'actual', 'progress_percent'], rows: stats.targets.map((t) => [t.metric, t.kind, t.target, t.actual, t.progress]) };
	}
}

/**
 * RFC 4180 CSV. A cell that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with
 * an apostrophe: playlist titles are written by organisers.
 */
export function statsCsv(stats: CityStatsDto, name: StatsTable): string {
	const { header, rows } = table(stats, name);
	const escape = (value: Cell) => {
		if (value === null) return '';
		let text = String(value);
		if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
		return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
	};
	return [header, ...rows].map((row) => row.map(escape).join(',')).join('\r\n') + '\r\n';
}
