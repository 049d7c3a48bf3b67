import { error } from '@sveltejs/kit';
import type { Actor } from '../auth/actor';
import { getPlaylist } from '../playlists/service';
import type { PlaylistRecord } from '../playlists/queries';
import { AppError } from '../http/errors';
import { isUuid } from '../http/validation';
import { can } from '../policies/policies';
import { requireSignedIn } from './guards';

/** The playlist a page is about, as `actor` may see it; a 404 page otherwise. */
export async function playlistForPage(locals: App.Locals, actor: Actor, id: string): Promise<PlaylistRecord> {
	if (!isUuid(id)) error(404, 'Playlist not found');
	return getPlaylist(locals.app, actor, id).catch((cause: unknown) => {
		if (cause instanceof AppError && cause.code === 'not_found') error(404, 'Playlist not found');
		throw cause;
	});
}

/** For the pages that change a playlist: signed in, and a member of its organisation. */
export async function manageablePlaylist(locals: App.Locals, url: URL, id: string): Promise<PlaylistRecord> {
	const actor = requireSignedIn(locals.actor, url);
	const playlist = await playlistForPage(locals, actor, id);
	if (!can(actor, 'playlist.manage', playlist)) error(403, 'Organisers only');
	return playlist;
}
