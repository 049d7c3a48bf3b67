import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { PlaylistDto } from '$lib/server/playlists/schemas';
import { publishPlaylist } from '$lib/server/playlists/service';
import { presentPlaylist } from '$lib/server/playlists/presenters';

export const POST = endpoint(
	{
		summary: 'Publish a playlist',
		description: 'Needs at least one activity, every one of them published (409 names the others).',
		tags: ['Playlists'],
		access: 'user',
		response: PlaylistDto,
		errors: ['invalid_state']
	},
	async ({ app, actor, params }) => presentPlaylist(await publishPlaylist(app, actor, uuidParam(params.id, 'Playlist')), app.config.publicUrl)
);
