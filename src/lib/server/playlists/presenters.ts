import { pickText } from '../../i18n/locales';
import { markdownToText } from '../activities/markdown';
import { presentBadgeText } from '../activities/presenters';
import type { PlaylistDto, PlaylistProgressDto } from './schemas';
import { effectiveSkills, type PlaylistRecord } from './queries';
import { neededCount } from './progress';
import type { FollowedPlaylist } from './following';

const activityUrl = (publicUrl: string, id: string) => `${publicUrl}/activities/${id}`;
export const playlistUrl = (publicUrl: string, id: string) => `${publicUrl}/playlists/${id}`;

export function presentPlaylist(record: PlaylistRecord, publicUrl: string): PlaylistDto {
	return {
		id: record.id,
		url: playlistUrl(publicUrl, record.id),
		city: { id: record.city.id, slug: record.city.slug, name: record.city.name },
		organisation: { id: record.organisation.id, name: record.organisation.name },
		title: record.title,
		description: record.description,
		targetGroups: record.targetGroups,
		skills: effectiveSkills(record),
		ordered: record.ordered,
		requiredCount: neededCount(record, record.items),
		items: record.items.map((item) => ({
			activityId: item.activityId,
			position: item.position,
			required: item.required,
			title: item.title,
			url: activityUrl(publicUrl, item.activityId),
			status: item.status,
			organisation: item.organisation
		})),
		badge: { ...presentBadgeText(record.badge), image: `${playlistUrl(publicUrl, record.id)}/badge.png` },
		status: record.status,
		featured: record.featured,
		followers: record.followers,
		publishedAt: record.publishedAt?.toISOString() ?? null,
		createdAt: record.createdAt.toISOString(),
		updatedAt: record.updatedAt.toISOString()
	};
}

export function presentProgress(followed: FollowedPlaylist, publicUrl: string): PlaylistProgressDto {
	const { playlist, progress } = followed;
	const titles = new Map(playlist.items.map((item) => [item.activityId, item.title]));
	const next = progress.next;
	return {
		playlist: { id: playlist.id, url: playlistUrl(publicUrl, playlist.id), title: playlist.title, status: playlist.status },
		followedAt: followed.followedAt.toISOString(),
		completed: progress.completed,
		needed: progress.needed,
		total: progress.total,
		complete: followed.credential !== null || progress.met,
		items: progress.items.map((item) => ({ ...item, title: titles.get(item.activityId) ?? {}, url: activityUrl(publicUrl, item.activityId) })),
		next: next ? { activityId: next, title: titles.get(next) ?? {}, url: activityUrl(publicUrl, next) } : null,
		credential: followed.credential ? { id: followed.credential.id, url: `${publicUrl}/credentials/${followed.credential.id}` } : null
	};
}

/** What a playlist card shows, in the reader's language. */
export function presentPlaylistCard(record: PlaylistRecord, locale: string) {
	const fallbacks = [record.city.defaultLocale];
	const story = pickText(record.description, locale, fallbacks);
	return {
		id: record.id,
		title: pickText(record.title, locale, fallbacks),
		excerpt: story ? { text: markdownToText(story.text, 200), locale: story.locale } : null,
		organisation: record.organisation.name,
		steps: record.items.length,
		needed: neededCount(record, record.items),
		featured: record.featured
	};
}
export type PlaylistCardData = ReturnType<typeof presentPlaylistCard>;
