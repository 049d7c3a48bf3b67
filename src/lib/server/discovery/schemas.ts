import { z } from 'zod';
import { AccessibilityFeature, ActivityMode, ActivityType, TargetGroup } from '../activities/schemas';
import { LocalizedTextDto, Slug } from '../shared/schemas';

/** A query parameter that may repeat (`?skill=a&skill=b`) or list values with commas (`?skill=a,b`). */
const many = <T extends z.ZodType<string, string>>(item: T) =>
	z
		.union([z.string(), z.array(z.string())])
		.transform((value) => [value].flat().flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))
		.pipe(z.array(item).max(50))
		.optional();

const flag = z
	.enum(['true', 'false', '1', '0', 'yes', 'no', 'on'])
	.transform((value) => ['true', '1', 'yes', 'on'].includes(value))
	.optional();

/** A day (`2027-03-01`) or a moment (`2027-03-01T10:00:00Z`). */
const DateOrTime = z
	.string()
	.trim()
	.refine((v) => /^\d{4}-\d{2}-\d{2}(T.+)?$/.test(v) && !Number.isNaN(Date.parse(v)), {
		message: 'use a date like 2027-03-01 or a date and time',
		params: { code: 'invalid_date' }
	});

export const SEARCH_MAX_LIMIT = 50;

export const SearchQuery = z
	.object({
		q: z.string().trim().max(200).optional(),
		city: Slug.optional(),
		skill: many(z.string().min(3).max(120)),
		framework: many(z.string().min(1).max(60)),
		mode: many(ActivityMode),
		type: many(ActivityType),
		from: DateOrTime.optional(),
		to: DateOrTime.optional(),
		near: z
			.string()
			.trim()
			.regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, 'use "latitude,longitude", for example 51.59,4.78')
			.transform((v) => v.split(',').map(Number) as [number, number])
			.refine(([lat, lon]) => Math.abs(lat) <= 90 && Math.abs(lon) <= 180, { message: 'latitude must be within ±90 and longitude within ±180' })
			.optional(),
		radiusKm: z.coerce.number().min(0.1).max(1000).default(25),
		lang: many(z.string().regex(/^[a-z]{2,3}$/)),
		age: z.coerce.number().int().min(0).max(120).optional(),
		free: flag,
		quality: flag,
		international: flag,
		accessibility: many(AccessibilityFeature),
		target: many(TargetGroup),
		sort: z
			.enum(['relevance', 'date', 'distance'])
			.optional()
			.meta({
				description:
					'`relevance` (the default with `q`): activities with every word in the title first, then those with the words in the description; soonest first within each. `date`: soonest first, always-open ones last (the default otherwise). `distance`: nearest first (needs `near`; the default with it).'
			}),
		facets: flag,
		/** The language the query words are in (defaults to the request's language). */
		locale: z.string().regex(/^[a-z]{2}$/).optional(),
		page: z.coerce.number().int().min(1).max(10_000).default(1),
		limit: z.coerce.number().int().min(1).max(SEARCH_MAX_LIMIT).default(20)
	})
	.refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
		message: '"to" is before "from"',
		path: ['to'],
		params: { code: 'ends_before_start' }
	})
	.refine((q) => q.sort !== 'distance' || q.near, { message: 'sorting by distance needs "near"', path: ['sort'] });
export type SearchQuery = z.infer<typeof SearchQuery>;

export const ActivitySummaryDto = z
	.object({
		id: z.uuid(),
		url: z.string(),
		title: LocalizedTextDto,
		summary: LocalizedTextDto.meta({ description: 'The start of the description, as plain text, per locale' }),
		type: ActivityType,
		mode: ActivityMode,
		startsAt: z.iso.datetime().nullable(),
		endsAt: z.iso.datetime().nullable(),
		alwaysOpen: z.boolean(),
		city: z.object({ slug: z.string(), name: z.string() }),
		organisation: z.object({ id: z.uuid(), name: z.string() }),
		location: z.object({ address: z.string().nullable(), lat: z.number().nullable(), lon: z.number().nullable() }).nullable(),
		distanceKm: z.number().nullable(),
		languages: z.array(z.string()),
		ageMin: z.number().nullable(),
		ageMax: z.number().nullable(),
		free: z.boolean(),
		price: z.object({ amount: z.number(), currency: z.string() }).nullable(),
		international: z.boolean(),
		qualityLabel: z.boolean(),
		accessibility: z.array(AccessibilityFeature),
		skills: z.array(z.string()),
		image: z.object({ url: z.string(), alt: LocalizedTextDto }).nullable(),
		machineTranslated: z.array(z.string()).meta({ description: 'Locales whose text is an unreviewed machine translation' })
	})
	.meta({ id: 'ActivitySummary' });
export type ActivitySummaryDto = z.infer<typeof ActivitySummaryDto>;

const FacetCounts = z.record(z.string(), z.number().int());
export const FacetsDto = z
	.object({
		mode: FacetCounts,
		type: FacetCounts,
		framework: FacetCounts,
		accessibility: FacetCounts,
		language: FacetCounts,
		free: z.number().int(),
		quality: z.number().int(),
		international: z.number().int()
	})
	.meta({ id: 'SearchFacets', description: 'How many of the matching activities have each value' });

export const SearchResultDto = z
	.object({
		items: z.array(ActivitySummaryDto),
		total: z.number().int(),
		totalIsExact: z.boolean().meta({ description: 'False when there are more matches than counted (up to four pages ahead, at most 1,000): then `total` is a lower bound' }),
		page: z.number().int(),
		limit: z.number().int(),
		facets: FacetsDto.optional()
	})
	.meta({ id: 'ActivitySearchResult' });
export type SearchResultDto = z.infer<typeof SearchResultDto>;
