import { and, desc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, requireUser } from '../policies/policies';
import { invalidState, notFound } from '../http/errors';
import { credentials } from '../credentials/schema';
import { playlistFollowers } from './schema';
import { loadPlaylist, loadPlaylists, type PlaylistRecord } from './queries';
import { awardPlaylistBadgeIfDue, heldActivityCredentials, playlistAwardKey } from './badge';
import { playlistProgress, type Progress } from './progress';

type Deps = Pick<AppContext, 'db' | 'config' | 'frameworks' | 'credentialSecret' | 'now' | 'logger' | 'mailer'>;

export interface FollowedPlaylist {
	playlist: PlaylistRecord;
	followedAt: Date;
	progress: Progress;
	credential: { id: string } | null;
}

/**
 * Follows a published playlist. Badges earned before count: a learner who already meets its rules
 * receives its badge now.
 */
export async function followPlaylist(app: Deps, actor: Actor, id: string): Promise<FollowedPlaylist> {
	const user = requireUser(actor);
	const playlist = await loadPlaylist(app.db, id);
	if (!playlist || playlist.status === 'draft') throw notFound('Playlist');
	authorize(actor, 'playlist.follow', playlist);
	if (playlist.status !== 'published') throw invalidState('This playlist is archived: it can no longer be followed.');
	await app.db.insert(playlistFollowers).values({ playlistId: id, cityId: playlist.cityId, userId: user.user.id }).onConflictDoNothing();
	try {
		await awardPlaylistBadgeIfDue(app, id, user.user.id);
	} catch (error) {
		// Following succeeded; the next award, or following again, tries the badge once more.
		app.logger.error({ err: error, playlistId: id }, 'issuing a playlist badge on follow failed');
	}
	const [followed] = await progressOf(app, user.user.id, [playlist]);
	return followed!;
}

/** Stops following; a badge already earned stays the learner's. */
export async function unfollowPlaylist(app: Pick<Deps, 'db'>, actor: Actor, id: string): Promise<void> {
	const user = requireUser(actor);
	const [removed] = await app.db
		.delete(playlistFollowers)
		.where(and(eq(playlistFollowers.playlistId, id), eq(playlistFollowers.userId, user.user.id)))
		.returning({ id: playlistFollowers.playlistId });
	if (!removed) throw notFound('Followed playlist');
}

/** The playlists the signed-in learner follows, with their progress and what to do next. */
export async function myPlaylists(app: Pick<Deps, 'db'>, actor: Actor): Promise<FollowedPlaylist[]> {
	const user = requireUser(actor);
	const rows = await app.db
		.select({ id: playlistFollowers.playlistId })
		.from(playlistFollowers)
		.where(eq(playlistFollowers.userId, user.user.id))
		.orderBy(desc(playlistFollowers.followedAt));
	return progressOf(app, user.user.id, await loadPlaylists(app.db, rows.map((row) => row.id)));
}

/** The learner's progress in one playlist, or null when they do not follow it. */
export async function myProgressIn(app: Pick<Deps, 'db'>, actor: Actor, playlist: PlaylistRecord): Promise<FollowedPlaylist | null> {
	if (actor.kind !== 'user') return null;
	const [row] = await app.db
		.select({ id: playlistFollowers.playlistId })
		.from(playlistFollowers)
		.where(and(eq(playlistFollowers.playlistId, playlist.id), eq(playlistFollowers.userId, actor.user.id)));
	if (!row) return null;
	return (await progressOf(app, actor.user.id, [playlist]))[0] ?? null;
}

async function progressOf(app: Pick<Deps, 'db'>, userId: string, records: PlaylistRecord[]): Promise<FollowedPlaylist[]> {
	if (!records.length) return [];
	const ids = records.map((record) => record.id);
	const [held, follows, earned] = await Promise.all([
		heldActivityCredentials(app, userId, [...new Set(records.flatMap((record) => record.items.map((item) => item.activityId)))]),
		app.db
			.select({ id: playlistFollowers.playlistId, at: playlistFollowers.followedAt })
			.from(playlistFollowers)
			.where(and(eq(playlistFollowers.userId, userId), inArray(playlistFollowers.playlistId, ids))),
		app.db
			.select({ id: credentials.id, awardKey: credentials.awardKey })
			.from(credentials)
			.where(inArray(credentials.awardKey, ids.map((id) => playlistAwardKey(id, userId))))
	]);
	const done = new Set(held.map((row) => row.activityId!));
	const followedAt = new Map(follows.map((row) => [row.id, row.at]));
	const credentialByKey = new Map(earned.map((row) => [row.awardKey, row.id]));
	return records.map((playlist) => {
		const credentialId = credentialByKey.get(playlistAwardKey(playlist.id, userId));
		return {
			playlist,
			followedAt: followedAt.get(playlist.id) ?? new Date(0),
			progress: playlistProgress(playlist, playlist.items, done),
			credential: credentialId ? { id: credentialId } : null
		};
	});
}
