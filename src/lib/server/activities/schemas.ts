import { z } from 'zod';
import { BADGE_ASSESSMENTS, BADGE_COLOURS, BADGE_ICONS } from './schema';
import { LocalizedTextDto, LocalizedTextInput, PageQuery, WebUrl } from '../shared/schemas';
import { Email } from '../accounts/schemas';
import { SkillIds } from '../frameworks/schemas';
import { ACCESSIBILITY_FEATURES, ACTIVITY_MODES, ACTIVITY_STATUSES, ACTIVITY_TYPES, TARGET_GROUPS } from '../../activities/vocabulary';

export const ActivityType = z.enum(ACTIVITY_TYPES);
export const ActivityMode = z.enum(ACTIVITY_MODES);
export const ActivityStatus = z.enum(ACTIVITY_STATUSES);
export const AccessibilityFeature = z.enum(ACCESSIBILITY_FEATURES);
export const TargetGroup = z.enum(TARGET_GROUPS);

const DateTime = z.iso.datetime({ offset: true }).meta({ example: '2027-03-14T15:00:00+01:00' });
/** ISO 639 language codes of the languages the activity is taught in. */
const LanguageCode = z.string().trim().toLowerCase().regex(/^[a-z]{2,3}$/, 'use an ISO 639 code such as nl or en');
const Title = LocalizedTextInput(200).refine((text) => Object.keys(text).length > 0, {
	message: 'give a title in at least one language',
	params: { code: 'required' }
});
/** A plain string is the text in the activity's first title language. */
const BadgeText = (max: number) => z.union([z.string().trim().min(1).max(max), LocalizedTextInput(max)]);

export const SessionInput = z.object({
	startsAt: DateTime,
	endsAt: DateTime,
	note: z.string().trim().max(200).optional()
});

const fields = {
	title: Title,
	description: LocalizedTextInput(20_000).meta({ description: 'Markdown per locale; raw HTML is shown as text' }),
	type: ActivityType,
	mode: ActivityMode,
	startsAt: DateTime.nullable().optional(),
	endsAt: DateTime.nullable().optional(),
	alwaysOpen: z.boolean().optional(),
	sessions: z.array(SessionInput).max(200).optional(),
	location: z
		.object({
			address: z.string().trim().min(1).max(300),
			lat: z.number().min(-90).max(90),
			lon: z.number().min(-180).max(180)
		})
		.nullable()
		.optional(),
	url: WebUrl.nullable().optional(),
	languages: z.array(LanguageCode).min(1).max(20),
	ageMin: z.number().int().min(0).max(120).nullable().optional(),
	ageMax: z.number().int().min(0).max(120).nullable().optional(),
	capacity: z.number().int().min(1).max(100_000).nullable().optional(),
	waitlist: z.boolean().optional(),
	price: z
		.object({
			amount: z.number().min(0).max(100_000).multipleOf(0.01),
			currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'use an ISO 4217 code such as EUR')
		})
		.nullable()
		.optional()
		.meta({ description: 'Leave out (or null) for a free activity' }),
	international: z.boolean().optional(),
	targetGroups: z.array(TargetGroup).max(TARGET_GROUPS.length).optional(),
	skills: SkillIds,
	accessibility: z.array(AccessibilityFeature).max(ACCESSIBILITY_FEATURES.length).optional(),
	contact: z
		.object({ name: z.string().trim().max(100).optional(), email: Email.optional(), phone: z.string().trim().max(40).optional() })
		.optional(),
	imageAlt: LocalizedTextInput(300).optional(),
	badge: z
		.object({
			name: BadgeText(120),
			description: BadgeText(2000),
			criteria: BadgeText(2000),
			image: z.string().optional(),
			tags: z.array(z.string().trim().min(1).max(40)).max(10).optional(),
			validForMonths: z.int().min(1).max(600).optional().describe('Credentials expire this many months after they are awarded'),
			expiresOn: z.iso.date().optional().describe('Or: every credential of this badge expires at the end of this day (UTC)'),
			assessment: z
				.enum(BADGE_ASSESSMENTS)
				.optional()
				.describe('Who judges evidence: the organisation (default), the learner (self-assessment: awarded on handing in), or peers who hold the badge'),
			design: z
				.object({ colour: z.enum(BADGE_COLOURS).optional(), icon: z.enum(BADGE_ICONS).optional() })
				.optional()
				.describe('The generated badge image: its colour and icon'),
			imageAlt: LocalizedTextInput(300).optional().describe('The badge image described per locale, for people who cannot see it; the badge name when left out')
		})
		.refine((badge) => !(badge.validForMonths && badge.expiresOn), { path: ['expiresOn'], message: 'give either validForMonths or expiresOn', params: { code: 'expiry_both' } })
		.optional()
		.meta({ description: 'The badge learners earn; derived from the activity when left out' })
};

export const CreateActivityInput = z.object({ organisationId: z.uuid(), ...fields }).meta({ id: 'CreateActivityInput' });
export type CreateActivityInput = z.infer<typeof CreateActivityInput>;

export const UpdateActivityInput = z.object(fields).partial().meta({ id: 'UpdateActivityInput' });
export type UpdateActivityInput = z.infer<typeof UpdateActivityInput>;

export const ReviewActivityInput = z
	.object({ decision: z.enum(['approve', 'reject']), comment: z.string().trim().max(2000).optional() })
	.meta({ id: 'ReviewActivityInput' });

/** What every badge says, an activity's or a playlist's. */
export const BadgeTextDto = z.object({
	name: LocalizedTextDto,
	description: LocalizedTextDto,
	criteria: LocalizedTextDto,
	tags: z.array(z.string()),
	validForMonths: z.int().nullable(),
	expiresOn: z.string().nullable(),
	design: z.object({ colour: z.enum(BADGE_COLOURS).optional(), icon: z.enum(BADGE_ICONS).optional() })
});

export const ActivityDto = z
	.object({
		id: z.uuid(),
		url: z.string().meta({ description: 'The public page' }),
		city: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
		organisation: z.object({ id: z.uuid(), name: z.string() }),
		title: LocalizedTextDto,
		description: LocalizedTextDto,
		type: ActivityType,
		mode: ActivityMode,
		startsAt: z.iso.datetime().nullable(),
		endsAt: z.iso.datetime().nullable(),
		alwaysOpen: z.boolean(),
		sessions: z.array(z.object({ startsAt: z.iso.datetime(), endsAt: z.iso.datetime(), note: z.string().nullable() })),
		location: z.object({ address: z.string().nullable(), lat: z.number().nullable(), lon: z.number().nullable() }).nullable(),
		onlineUrl: z.string().nullable(),
		languages: z.array(z.string()),
		ageMin: z.number().nullable(),
		ageMax: z.number().nullable(),
		price: z.object({ amount: z.number(), currency: z.string() }).nullable(),
		free: z.boolean(),
		capacity: z.number().nullable(),
		waitlist: z.boolean(),
		international: z.boolean(),
		targetGroups: z.array(TargetGroup),
		accessibility: z.array(AccessibilityFeature),
		skills: z.array(z.string()),
		suggestedSkills: z.array(z.string()).describe('Skills an import matched from keywords, for the organiser to confirm'),
		frameworks: z.array(z.string()),
		contact: z.object({ name: z.string().optional(), email: z.string().optional(), phone: z.string().optional() }),
		image: z.object({ url: z.string(), alt: LocalizedTextDto }).nullable(),
		badge: BadgeTextDto.extend({
			assessment: z.enum(BADGE_ASSESSMENTS),
			image: z.object({
				url: z.string().meta({ description: 'The badge image as PNG (also served as SVG at the same path with `.svg`)' }),
				uploaded: z.boolean().meta({ description: 'True when an organiser uploaded it; false when it is drawn from the design' }),
				alt: LocalizedTextDto
			})
		}),
		status: ActivityStatus,
		reviewComment: z.string().nullable(),
		qualityLabel: z.boolean(),
		places: z.object({ taken: z.number(), waiting: z.number(), left: z.number().nullable() }),
		source: z.object({ format: z.string(), id: z.string().nullable(), url: z.string().nullable(), importedAt: z.iso.datetime().nullable() }).nullable(),
		machineTranslated: z.array(z.string()).meta({ description: 'Locales whose text is an unreviewed machine translation (shown with a notice until reviewed)' }),
		publishedAt: z.iso.datetime().nullable(),
		createdAt: z.iso.datetime(),
		updatedAt: z.iso.datetime()
	})
	.meta({ id: 'Activity' });
export type ActivityDto = z.infer<typeof ActivityDto>;

export const OrganisationActivitiesQuery = PageQuery.extend({ status: ActivityStatus.optional() });

export const ResolveSuggestedSkillsInput = z
	.object({ accept: z.array(z.string().max(100)).max(50).default([]).describe('The suggestions to add to the skills; the others are dropped') })
	.meta({ id: 'ResolveSuggestedSkillsInput' });
