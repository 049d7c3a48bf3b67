import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { activities } from '../activities/schema';
import { organisations } from '../organisations/schema';
import { cities } from '../cities/schema';
import { playlistFollowers, playlistItems, playlists, type PlaylistStatus } from './schema';

export type PlaylistRow = typeof playlists.$inferSelect;

export interface PlaylistItemRecord {
	activityId: string;
	position: number;
	required: boolean;
	title: Record<string, string>;
	status: string;
	skills: string[];
	organisation: { id: string; name: string };
}

export interface PlaylistRecord extends PlaylistRow {
	organisation: { id: string; name: string; status: string };
	city: { id: string; slug: string; name: string; defaultLocale: string };
	items: PlaylistItemRecord[];
	followers: number;
}

/** The playlist's own skills, or those of its activities when it names none. */
export function effectiveSkills(record: { skills: string[]; items: { skills: string[] }[] }): string[] {
	return record.skills.length ? record.skills : [...new Set(record.items.flatMap((item) => item.skills))];
}

/** Playlists with their organisation, city, items (in order) and number of followers, in the order of `ids`. */
export async function loadPlaylists(db: Db, ids: string[]): Promise<PlaylistRecord[]> {
	if (!ids.length) return [];
	const [rows, items, followers] = await Promise.all([
		db
			.select({ playlist: playlists, organisation: { id: organisations.id, name: organisations.name, status: organisations.status }, city: { id: cities.id, slug: cities.slug, name: cities.name, defaultLocale: cities.defaultLocale } })
			.from(playlists)
			.innerJoin(organisations, eq(organisations.id, playlists.organisationId))
			.innerJoin(cities, eq(cities.id, playlists.cityId))
			.where(inArray(playlists.id, ids)),
		db
			.select({
				playlistId: playlistItems.playlistId,
				activityId: playlistItems.activityId,
				position: playlistItems.position,
				required: playlistItems.required,
				title: activities.title,
				status: activities.status,
				skills: activities.skills,
				organisation: { id: organisations.id, name: organisations.name }
			})
			.from(playlistItems)
			.innerJoin(activities, eq(activities.id, playlistItems.activityId))
			.innerJoin(organisations, eq(organisations.id, activities.organisationId))
			.where(inArray(playlistItems.playlistId, ids))
			.orderBy(asc(playlistItems.position)),
		db.select({ playlistId: playlistFollowers.playlistId, n: count() }).from(playlistFollowers).where(inArray(playlistFollowers.playlistId, ids)).groupBy(playlistFollowers.playlistId)
	]);
	const byId = new Map<string, PlaylistRecord>(rows.map((row) => [row.playlist.id, { ...row.playlist, organisation: row.organisation, city: row.city, items: [], followers: 0 }]));
	for (const { playlistId, ...item } of items) byId.get(playlistId)?.items.push(item);
	for (const row of followers) {
		const record = byId.get(row.playlistId);
		if (record) record.followers = Number(row.n);
	}
	return ids.map((id) => byId.get(id)).filter((record): record is PlaylistRecord => record !== undefined);
}

export async function loadPlaylist(db: Db, id: string): Promise<PlaylistRecord | undefined> {
	return (await loadPlaylists(db, [id]))[0];
}

export async function findPlaylistScope(db: Db, id: string) {
	const [row] = await db
		.select({ id: playlists.id, cityId: playlists.cityId, organisationId: playlists.organisationId, status: playlists.status })
		.from(playlists)
		.where(eq(playlists.id, id));
	return row;
}

export async function listPlaylistIds(
	db: Db,
	filter: { cityId?: string | undefined; organisationId?: string | undefined; featured?: boolean | undefined; status: PlaylistStatus },
	page: { page: number; limit: number }
): Promise<{ ids: string[]; total: number }> {
	const conditions: SQL[] = [eq(playlists.status, filter.status)];
	if (filter.cityId) conditions.push(eq(playlists.cityId, filter.cityId));
	if (filter.organisationId) conditions.push(eq(playlists.organisationId, filter.organisationId));
	if (filter.featured !== undefined) conditions.push(eq(playlists.featured, filter.featured));
	const where = and(...conditions);
	const [rows, [total]] = await Promise.all([
		db
			.select({ id: playlists.id })
			.from(playlists)
			.where(where)
			// Featured first, then the newest.
			.orderBy(desc(playlists.featured), desc(playlists.publishedAt), desc(playlists.updatedAt), asc(playlists.id))
			.limit(page.limit)
			.offset((page.page - 1) * page.limit),
		db.select({ n: count() }).from(playlists).where(where)
	]);
	return { ids: rows.map((row) => row.id), total: Number(total?.n ?? 0) };
}
