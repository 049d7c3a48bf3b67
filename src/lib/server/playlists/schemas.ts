import { z } from 'zod';
import { LocalizedTextDto, LocalizedTextInput, PageQuery, Slug } from '../shared/schemas';
import { SkillIds } from '../frameworks/schemas';
import { BadgeTextDto, CreateActivityInput, TargetGroup } from '../activities/schemas';
import { TARGET_GROUPS } from '../../activities/vocabulary';
import { PLAYLIST_STATUSES } from './schema';

export const PLAYLIST_MAX_ITEMS = 50;

const Title = LocalizedTextInput(200).refine((text) => Object.keys(text).length > 0, {
	message: 'give a title in at least one language',
	params: { code: 'required' }
});

export const PlaylistItemInput = z.object({
	activityId: z.uuid(),
	required: z.boolean().default(true).describe('Optional items count towards "complete N of M" but are not needed')
});

const fields = {
	title: Title,
	description: LocalizedTextInput(20_000).meta({ description: 'The story, Markdown per locale' }),
	items: z
		.array(PlaylistItemInput)
		.max(PLAYLIST_MAX_ITEMS)
		.refine((items) => new Set(items.map((item) => item.activityId)).size === items.length, { message: 'an activity appears twice', params: { code: 'duplicate_item' } })
		.describe('Activities in their order; your organisation’s own, or published ones of others in the city'),
	ordered: z.boolean().optional().describe('Items unlock one after another: a required item opens once the required ones before it are done'),
	requiredCount: z.int().min(1).max(PLAYLIST_MAX_ITEMS).nullable().optional().describe('Complete this many items (all required ones among them); leave out for all'),
	targetGroups: z.array(TargetGroup).max(TARGET_GROUPS.length).optional(),
	skills: SkillIds.optional().describe('The skills it develops; left empty, those of its activities'),
	// The same badge designer as activities.
	badge: CreateActivityInput.shape.badge
};

export const CreatePlaylistInput = z
	.object({ organisationId: z.uuid().describe('The organisation that owns the playlist and issues its badge'), city: Slug.optional().describe('The city; must be the organisation’s'), ...fields })
	.meta({ id: 'CreatePlaylistInput' });
export type CreatePlaylistInput = z.infer<typeof CreatePlaylistInput>;

export const UpdatePlaylistInput = z.object(fields).partial().meta({ id: 'UpdatePlaylistInput' });
export type UpdatePlaylistInput = z.infer<typeof UpdatePlaylistInput>;

export const FeaturePlaylistInput = z.object({ featured: z.boolean() });

export const PlaylistStatus = z.enum(PLAYLIST_STATUSES);

export const PlaylistsQuery = PageQuery.extend({
	city: Slug.optional(),
	organisation: z.uuid().optional(),
	featured: z.enum(['true', 'false']).optional().transform((value) => (value === undefined ? undefined : value === 'true')),
	status: PlaylistStatus.optional().describe('Other than published: only for its organisation’s members and city admins (with organisation)')
});

const ItemDto = z.object({
	activityId: z.uuid(),
	position: z.int(),
	required: z.boolean(),
	title: LocalizedTextDto,
	url: z.string(),
	status: z.string(),
	organisation: z.object({ id: z.uuid(), name: z.string() })
});

export const PlaylistDto = z
	.object({
		id: z.uuid(),
		url: z.string().meta({ description: 'The public page' }),
		city: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
		organisation: z.object({ id: z.uuid(), name: z.string() }),
		title: LocalizedTextDto,
		description: LocalizedTextDto,
		targetGroups: z.array(TargetGroup),
		skills: z.array(z.string()).describe('Its own skills, or those of its activities'),
		ordered: z.boolean(),
		requiredCount: z.int().describe('Items to complete'),
		items: z.array(ItemDto),
		badge: BadgeTextDto.extend({ image: z.string() }),
		status: PlaylistStatus,
		featured: z.boolean(),
		followers: z.int(),
		publishedAt: z.iso.datetime().nullable(),
		createdAt: z.iso.datetime(),
		updatedAt: z.iso.datetime()
	})
	.meta({ id: 'Playlist' });
export type PlaylistDto = z.infer<typeof PlaylistDto>;

export const PlaylistProgressDto = z
	.object({
		playlist: z.object({ id: z.uuid(), url: z.string(), title: LocalizedTextDto, status: PlaylistStatus }),
		followedAt: z.iso.datetime(),
		completed: z.int(),
		needed: z.int(),
		total: z.int(),
		complete: z.boolean(),
		items: z.array(z.object({ activityId: z.uuid(), title: LocalizedTextDto, url: z.string(), required: z.boolean(), done: z.boolean(), locked: z.boolean() })),
		next: z.object({ activityId: z.uuid(), title: LocalizedTextDto, url: z.string() }).nullable().describe('What to do next'),
		credential: z.object({ id: z.uuid(), url: z.string() }).nullable().describe('The playlist badge, once earned')
	})
	.meta({ id: 'PlaylistProgress' });
export type PlaylistProgressDto = z.infer<typeof PlaylistProgressDto>;
