import { sql } from 'drizzle-orm';
import { boolean, customType, doublePrecision, index, integer, jsonb, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id, updatedAt, type LocalizedText } from '../db/columns';
import { users } from '../accounts/schema';
import { cityIdColumn } from '../cities/schema';
import { organisationIdColumn } from '../organisations/schema';
import type { BadgeColour, BadgeIcon } from '../../badges/design';
import type { AccessibilityFeature, ActivityMode, ActivityStatus, ActivityType, TargetGroup } from '../../activities/vocabulary';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export interface ActivityContact {
	name?: string;
	email?: string;
	phone?: string;
}

/** The badge an activity awards, as its organiser described it (the Open Badges achievement later). */
export interface BadgeDescription {
	name: LocalizedText;
	description: LocalizedText;
	criteria: LocalizedText;
	/** Keywords, as the achievement's `tag`. */
	tags?: string[];
	/** How long a credential stays valid after it is awarded; none when both are unset. */
	validForMonths?: number | null;
	/** Or the day every credential of this badge expires (YYYY-MM-DD, end of that day UTC). */
	expiresOn?: string | null;
	/**
	 * Who judges the evidence: the organisation (default); the learner themselves (awarded on handing
	 * it in); or peers, people who already hold the badge, beside the organisation.
	 */
	assessment?: BadgeAssessment;
	/** The badge designer's choices for the generated image. */
	design?: BadgeDesign;
	/**
	 * An uploaded image that replaces the generated one: `<activity id>/<hex>.png` under the files
	 * directory, named after its content. Kept apart from what the badge form writes (see `updateActivity`).
	 */
	imageKey?: string;
	/** The image described for people who cannot see it (the credential's image caption). */
	imageAlt?: LocalizedText;
}

export { BADGE_COLOURS, BADGE_ICONS } from '../../badges/design';
export interface BadgeDesign {
	colour?: BadgeColour;
	icon?: BadgeIcon;
}

/**
 * How a locale's text came to be, per locale. A locale with text and no entry was written by a person
 * (in the normal editor), so it counts as reviewed; a locale without a title has no translation.
 */
export interface TranslationState {
	status: 'machine' | 'reviewed';
	/** The locale it was translated from; null when a person wrote it without naming one. */
	source: string | null;
	/** Fingerprint of the source texts when it was made: a different one now means "outdated". */
	sourceHash: string | null;
	at: string;
}
export type TranslationStates = Record<string, TranslationState>;

export const BADGE_ASSESSMENTS = ['organiser', 'self', 'peer'] as const;
export type BadgeAssessment = (typeof BADGE_ASSESSMENTS)[number];

/** A learning opportunity. Arrays hold codes and framework item ids, so that filters use GIN indexes. */
export const activities = pgTable(
	'activities',
	{
		id: id(),
		cityId: cityIdColumn(),
		organisationId: organisationIdColumn(),
		title: jsonb('title').$type<LocalizedText>().notNull(),
		description: jsonb('description').$type<LocalizedText>().notNull(),
		type: text('type').$type<ActivityType>().notNull(),
		mode: text('mode').$type<ActivityMode>().notNull(),
		startsAt: at('starts_at'),
		endsAt: at('ends_at'),
		alwaysOpen: boolean('always_open').notNull().default(false),
		locationAddress: text('location_address'),
		lat: doublePrecision('lat'),
		lon: doublePrecision('lon'),
		onlineUrl: text('online_url'),
		languages: text('languages').array().notNull().default([]),
		ageMin: integer('age_min'),
		ageMax: integer('age_max'),
		/** Null means free. */
		priceAmount: numeric('price_amount', { precision: 10, scale: 2 }),
		priceCurrency: text('price_currency'),
		capacity: integer('capacity'),
		waitlist: boolean('waitlist').notNull().default(true),
		international: boolean('international').notNull().default(false),
		targetGroups: text('target_groups').array().$type<TargetGroup[]>().notNull().default([]),
		accessibility: text('accessibility').array().$type<AccessibilityFeature[]>().notNull().default([]),
		skills: text('skills').array().notNull().default([]),
		/** The frameworks of `skills`, kept beside them for the framework filter and facets. */
		frameworks: text('frameworks').array().notNull().default([]),
		contact: jsonb('contact').$type<ActivityContact>().notNull().default({}),
		imageKey: text('image_key'),
		imageAlt: jsonb('image_alt').$type<LocalizedText>().notNull().default({}),
		badge: jsonb('badge').$type<BadgeDescription>(),
		/** Machine drafts and reviewed translations per locale (see TranslationState). */
		translations: jsonb('translations').$type<TranslationStates>().notNull().default({}),
		status: text('status').$type<ActivityStatus>().notNull().default('draft'),
		/** Why the city sent an activity back to draft, shown to its organisers. */
		reviewComment: text('review_comment'),
		submittedAt: at('submitted_at'),
		publishedAt: at('published_at'),
		archivedAt: at('archived_at'),
		qualityAssessment: jsonb('quality_assessment').$type<Record<string, { met: boolean; note?: string }>>().notNull().default({}),
		qualityLabel: boolean('quality_label').notNull().default(false),
		qualityLabelAt: at('quality_label_at'),
		sourceFormat: text('source_format'),
		sourceId: text('source_id'),
		sourceUrl: text('source_url'),
		importedAt: at('imported_at'),
		/** Skills an import matched from free-text keywords: suggestions the organiser confirms or drops. */
		suggestedSkills: text('suggested_skills').array().notNull().default([]),
		searchVector: tsvector('search_vector').generatedAlwaysAs(
			sql`col_localized_tsvector(title, 'A') || col_localized_tsvector(description, 'B')`
		),
		/** The title's words alone: a search shows activities with every word in the title first. */
		titleVector: tsvector('title_vector').generatedAlwaysAs(sql`col_localized_tsvector(title, 'A')`),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(table) => [
		index('activities_city_status_start_idx').on(table.cityId, table.status, table.startsAt),
		// The order of the default listing (soonest first, always-open ones last), so that a page of
		// upcoming activities is read in order instead of sorting every match.
		index('activities_listing_idx').on(table.status, table.alwaysOpen, table.startsAt, table.id),
		// The longest published activity, read from the end of this index, bounds how far before a date
		// range an overlapping activity can start: the listing index is then read from there, not from
		// the first activity ever published.
		index('activities_span_idx')
			.on(sql`(coalesce(${table.endsAt}, ${table.startsAt}) - ${table.startsAt})`)
			.where(sql`${table.status} = 'published' and not ${table.alwaysOpen}`),
		index('activities_organisation_idx').on(table.organisationId, table.updatedAt),
		// Every column the dashboard counts, so that a city's 100,000 activities are counted from this
		// narrow index instead of the wide rows (titles, descriptions, search vectors).
		index('activities_stats_idx').on(
			table.cityId,
			table.organisationId,
			table.status,
			table.publishedAt,
			table.archivedAt,
			table.mode,
			table.international,
			table.qualityLabel,
			table.skills,
			table.frameworks
		),
		// Re-importing a source updates what it created before instead of adding a copy.
		uniqueIndex('activities_source_idx').on(table.organisationId, table.sourceFormat, table.sourceId).where(sql`${table.sourceId} is not null`),
		// Places as points, for "near" searches: a GiST index answers a bounding box on both axes at once.
		index('activities_point_idx').using('gist', sql`point(${table.lon}, ${table.lat})`),
		index('activities_skills_idx').using('gin', table.skills),
		index('activities_frameworks_idx').using('gin', table.frameworks),
		index('activities_accessibility_idx').using('gin', table.accessibility),
		index('activities_languages_idx').using('gin', table.languages),
		index('activities_search_idx').using('gin', table.searchVector),
		index('activities_title_search_idx').using('gin', table.titleVector)
	]
);

/** Individual dates of an activity that meets more than once. */
export const activitySessions = pgTable(
	'activity_sessions',
	{
		id: id(),
		cityId: cityIdColumn(),
		activityId: uuid('activity_id')
			.notNull()
			.references(() => activities.id, { onDelete: 'cascade' }),
		startsAt: at('starts_at').notNull(),
		endsAt: at('ends_at').notNull(),
		note: text('note')
	},
	(table) => [index('activity_sessions_activity_idx').on(table.activityId, table.startsAt)]
);

/** The activity a row belongs to (bulk awards, claim codes, evidence, endorsements): gone with it. */
export const activityIdColumn = () =>
	uuid('activity_id')
		.notNull()
		.references(() => activities.id, { onDelete: 'cascade' });
