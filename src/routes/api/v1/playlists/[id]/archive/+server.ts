import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { PlaylistDto } from '$lib/server/playlists/schemas';
import { archivePlaylist } from '$lib/server/playlists/service';
import { presentPlaylist } from '$lib/server/playlists/presenters';

export const POST = endpoint(
	{
		summary: 'Archive a playlist',
		description: 'It stays readable, and badges earned stay valid; nobody can follow it any more and it is no longer featured.',
		tags: ['Playlists'],
		access: 'user',
		response: PlaylistDto,
		errors: ['invalid_state']
	},
	async ({ app, actor, params }) => presentPlaylist(await archivePlaylist(app, actor, uuidParam(params.id, 'Playlist')), app.config.publicUrl)
);
