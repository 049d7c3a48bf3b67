import { z } from 'zod';
import { TARGET_METRIC_IDS, TARGET_METRICS } from './metrics';

const MAX_DAYS = 10 * 366;

export const StatsQuery = z
	.object({
		from: z.iso.date().optional().describe('First day (YYYY-MM-DD, UTC); by default the first day of the month eleven months ago'),
		to: z.iso.date().optional().describe('Last day, included (YYYY-MM-DD, UTC); by default today')
	})
	.superRefine((q, ctx) => {
		if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end comes before the start.', params: { code: 'ends_before_start' } });
		if (q.from && q.to && (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_DAYS) {
			ctx.addIssue({ code: 'custom', path: ['from'], message: 'A period covers ten years at most.', params: { code: 'period_too_long' } });
		}
	})
	.meta({ id: 'StatsQuery' });
export type StatsQuery = z.infer<typeof StatsQuery>;

const Count = z.number().int().nonnegative();
const Percent = z.number().nullable().describe('Percent with one decimal; null when there is nothing to divide by');

export const SuppressibleCount = z
	.object({ value: Count.nullable(), suppressed: z.boolean().describe('True when the count is between 1 and 4 and is hidden') })
	.meta({ id: 'SuppressibleCount' });

const AgeBands = z.object({ under15: Count, '15to17': Count, '18to24': Count, '25to29': Count, '30plus': Count, unknown: Count });
export const AGE_BANDS = ['under15', '15to17', '18to24', '25to29', '30plus', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const SkillCoverageRow = z.object({
	id: z.string(),
	frameworkId: z.string(),
	name: z.string(),
	supply: Count.describe('Activities on offer tagged with it'),
	demand: Count.describe('Learners who want to develop it'),
	gap: z.number().int().describe('demand - supply: positive where learners ask for more than is offered')
});

export const TrendRow = z.object({
	month: z.string().describe('YYYY-MM (UTC)'),
	newLearners: Count,
	activitiesPublished: Count,
	enrolments: Count,
	completions: Count,
	badgesIssued: Count
});
export type TrendRow = z.infer<typeof TrendRow>;

export const TargetProgress = z.object({
	metric: z.enum(TARGET_METRIC_IDS),
	kind: z.enum(['count', 'share']),
	target: z.number(),
	actual: z.number(),
	progress: z.number().describe('Percent of the target reached')
});

export const CityStatsDto = z
	.object({
		city: z.object({ slug: z.string(), name: z.string() }),
		organisation: z.object({ id: z.string(), name: z.string() }).nullable().describe('Set for an organisation’s dashboard'),
		period: z.object({ from: z.string(), to: z.string() }),
		providers: z.object({ approved: Count, active: Count.describe('Published an activity or awarded a badge in the period') }).nullable(),
		learners: z.object({
			registered: Count.describe('Enrolled or followed a playlist before the period ended'),
			new: Count.describe('Of them, for the first time in the period'),
			active: Count.describe('Enrolled, followed or received a badge in the period'),
			byAge: AgeBands
		}),
		activities: z.object({
			offered: Count.describe('Published before the period ended and not archived before it started'),
			published: Count.describe('Of them, published in the period'),
			online: Count.describe('Online or hybrid'),
			international: Count,
			qualityLabel: Count,
			withSkills: Count.describe('Recognising at least one framework skill'),
			shares: z.object({ online: Percent, international: Percent, qualityLabel: Percent, withSkills: Percent })
		}),
		skills: z.object({ frameworks: z.array(SkillCoverageRow), competences: z.array(SkillCoverageRow) }),
		enrolments: z.object({ made: Count, completed: Count, completionRate: Percent }),
		badges: z.object({ issued: Count, claimed: Count.describe('In a learner’s account, not waiting at an e-mail address') }),
		playlists: z.object({
			published: Count,
			funnels: z.array(z.object({ id: z.string(), title: z.string(), followers: Count, started: Count, completed: Count }))
		}),
		trends: z.array(TrendRow),
		inclusion: z.object({
			learners: SuppressibleCount.describe('Learners who stated accessibility needs and agreed to be counted'),
			active: SuppressibleCount,
			enrolments: SuppressibleCount,
			completions: SuppressibleCount,
			completionRate: Percent
		}),
		targets: z.array(TargetProgress)
	})
	.meta({ id: 'CityStats' });
export type CityStatsDto = z.infer<typeof CityStatsDto>;

export const TargetsInput = z
	.object({
		targets: z
			.array(z.object({ metric: z.enum(TARGET_METRIC_IDS), target: z.number().nonnegative().max(10_000_000) }))
			.max(TARGET_METRIC_IDS.length)
			.superRefine((rows, ctx) => {
				const seen = new Set<string>();
				rows.forEach((row, i) => {
					if (seen.has(row.metric)) ctx.addIssue({ code: 'custom', path: [i, 'metric'], message: 'Each metric once.' });
					seen.add(row.metric);
					if (TARGET_METRICS[row.metric].kind === 'share' && row.target > 100) {
						ctx.addIssue({ code: 'too_big', maximum: 100, origin: 'number', inclusive: true, path: [i, 'target'], message: 'A share is at most 100%.' });
					}
				});
			})
	})
	.meta({ id: 'CityTargetsInput', description: 'Replaces every target of the city; metrics left out have none.' });
export type TargetsInput = z.infer<typeof TargetsInput>;

export const TargetsDto = z
	.object({ targets: z.array(z.object({ metric: z.enum(TARGET_METRIC_IDS), kind: z.enum(['count', 'share']), target: z.number() })) })
	.meta({ id: 'CityTargets' });

export const OpenDataDto = z
	.object({
		city: z.object({ slug: z.string(), name: z.string() }),
		period: z.object({ from: z.string(), to: z.string() }),
		suppressionThreshold: z.number().int(),
		figures: z.object({
			providersApproved: SuppressibleCount,
			providersActive: SuppressibleCount,
			learnersRegistered: SuppressibleCount,
			learnersActive: SuppressibleCount,
			activitiesOffered: SuppressibleCount,
			activitiesOnline: SuppressibleCount,
			activitiesInternational: SuppressibleCount,
			activitiesQualityLabel: SuppressibleCount,
			activitiesWithSkills: SuppressibleCount,
			enrolments: SuppressibleCount,
			completions: SuppressibleCount,
			badgesIssued: SuppressibleCount,
			learnersWithNeeds: SuppressibleCount
		}),
		shares: z.object({ online: Percent, international: Percent, qualityLabel: Percent, withSkills: Percent }),
		frameworks: z.array(z.object({ id: z.string(), name: z.string(), activities: SuppressibleCount, learnersInNeed: SuppressibleCount })),
		trends: z.array(z.object({ month: z.string(), newLearners: SuppressibleCount, enrolments: SuppressibleCount, completions: SuppressibleCount, badgesIssued: SuppressibleCount, activitiesPublished: SuppressibleCount }))
	})
	.meta({ id: 'CityOpenData', description: 'Aggregate figures only; counts from 1 to 4 are hidden (value null, suppressed true).' });
export type OpenDataDto = z.infer<typeof OpenDataDto>;
