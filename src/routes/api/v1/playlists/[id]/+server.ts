import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { PlaylistDto, UpdatePlaylistInput } from '$lib/server/playlists/schemas';
import { getPlaylist, updatePlaylist } from '$lib/server/playlists/service';
import { presentPlaylist } from '$lib/server/playlists/presenters';

export const GET = endpoint(
	{
		summary: 'A playlist',
		description: 'Published and archived playlists are public; drafts are visible to their organisation and the city’s admins.',
		tags: ['Playlists'],
		access: 'public',
		response: PlaylistDto,
		errors: ['not_found']
	},
	async ({ app, actor, params }) => presentPlaylist(await getPlaylist(app, actor, uuidParam(params.id, 'Playlist')), app.config.publicUrl)
);

export const PATCH = endpoint(
	{
		summary: 'Change a playlist',
		description: 'Members of its organisation. Fields left out stay as they are; `items` replaces the list. Badges already earned stay as issued.',
		tags: ['Playlists'],
		access: 'user',
		body: UpdatePlaylistInput,
		response: PlaylistDto,
		bodyLimit: 512 * 1024,
		errors: ['invalid_state']
	},
	async ({ app, actor, params, body }) => presentPlaylist(await updatePlaylist(app, actor, uuidParam(params.id, 'Playlist'), body), app.config.publicUrl)
);
