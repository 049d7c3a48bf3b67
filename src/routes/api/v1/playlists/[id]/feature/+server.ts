import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { FeaturePlaylistInput, PlaylistDto } from '$lib/server/playlists/schemas';
import { featurePlaylist } from '$lib/server/playlists/service';
import { presentPlaylist } from '$lib/server/playlists/presenters';

export const POST = endpoint(
	{
		summary: 'Feature a playlist on the city’s home page',
		description: 'City admins. `{"featured": false}` takes it off again. Only published playlists can be featured.',
		tags: ['Playlists'],
		access: 'user',
		body: FeaturePlaylistInput,
		response: PlaylistDto,
		errors: ['invalid_state']
	},
	async ({ app, actor, params, body }) => presentPlaylist(await featurePlaylist(app, actor, uuidParam(params.id, 'Playlist'), body.featured), app.config.publicUrl)
);
