import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id, updatedAt, type LocalizedText } from '../db/columns';
import { users } from '../accounts/schema';
import { cityIdColumn } from '../cities/schema';
import { organisationIdColumn } from '../organisations/schema';
import { activityIdColumn, type BadgeDescription } from '../activities/schema';
import type { TargetGroup } from '../../activities/vocabulary';

export const PLAYLIST_STATUSES = ['draft', 'published', 'archived'] as const;
export type PlaylistStatus = (typeof PLAYLIST_STATUSES)[number];

/**
 * A learning pathway: activities (of any organisation in the city, when published) that together earn
 * the playlist's own badge. The organisation that owns it issues that badge.
 */
export const playlists = pgTable(
	'playlists',
	{
		id: id(),
		cityId: cityIdColumn(),
		organisationId: organisationIdColumn(),
		title: jsonb('title').$type<LocalizedText>().notNull(),
		/** The story: why this pathway, for whom, what a learner gains (Markdown per locale). */
		description: jsonb('description').$type<LocalizedText>().notNull(),
		targetGroups: text('target_groups').array().$type<TargetGroup[]>().notNull().default([]),
		/** The skills it develops: its own choice, or those of its activities when left empty. */
		skills: text('skills').array().notNull().default([]),
		/** Items unlock one after another, in their order. */
		ordered: boolean('ordered').notNull().default(false),
		/** Complete this many items (all required ones among them); null means every item. */
		requiredCount: integer('required_count'),
		badge: jsonb('badge').$type<BadgeDescription>().notNull(),
		status: text('status').$type<PlaylistStatus>().notNull().default('draft'),
		/** Shown on the city's home page; city admins choose. */
		featured: boolean('featured').notNull().default(false),
		publishedAt: at('published_at'),
		archivedAt: at('archived_at'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(table) => [
		index('playlists_city_status_idx').on(table.cityId, table.status, table.featured),
		index('playlists_organisation_idx').on(table.organisationId, table.updatedAt)
	]
);

export const playlistIdColumn = () =>
	uuid('playlist_id')
		.notNull()
		.references(() => playlists.id, { onDelete: 'cascade' });

export const playlistItems = pgTable(
	'playlist_items',
	{
		playlistId: playlistIdColumn(),
		cityId: cityIdColumn(),
		activityId: activityIdColumn(),
		position: integer('position').notNull(),
		required: boolean('required').notNull().default(true)
	},
	(table) => [primaryKey({ columns: [table.playlistId, table.activityId] }), index('playlist_items_activity_idx').on(table.activityId)]
);

/** A learner who follows a playlist: their awards count towards its badge. */
export const playlistFollowers = pgTable(
	'playlist_followers',
	{
		playlistId: playlistIdColumn(),
		cityId: cityIdColumn(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		followedAt: createdAt()
	},
	(table) => [primaryKey({ columns: [table.playlistId, table.userId] }), index('playlist_followers_user_idx').on(table.userId)]
);
