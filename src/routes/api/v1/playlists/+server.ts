import { endpoint } from '$lib/server/http/endpoint';
import { Paged } from '$lib/server/shared/schemas';
import { CreatePlaylistInput, PlaylistDto, PlaylistsQuery } from '$lib/server/playlists/schemas';
import { createPlaylist, listPlaylists } from '$lib/server/playlists/service';
import { presentPlaylist } from '$lib/server/playlists/presenters';

export const GET = endpoint(
	{
		summary: 'Playlists',
		description: 'Published playlists for everyone, featured ones first; `status=draft|archived` with `organisation` for its members and the city’s admins.',
		tags: ['Playlists'],
		access: 'public',
		query: PlaylistsQuery,
		response: Paged(PlaylistDto)
	},
	async ({ app, actor, query }) => {
		const result = await listPlaylists(app, actor, query);
		return { ...result, items: result.items.map((record) => presentPlaylist(record, app.config.publicUrl)) };
	}
);

export const POST = endpoint(
	{
		summary: 'Create a playlist',
		description:
			'Members of an approved organisation. A draft: a learning pathway of activities (the organisation’s own, or published ones of others in the city), each required or optional, optionally ordered, with "complete N of M" and its own badge, which the organisation issues automatically to followers who complete it.',
		tags: ['Playlists'],
		access: 'user',
		body: CreatePlaylistInput,
		response: PlaylistDto,
		status: 201,
		bodyLimit: 512 * 1024,
		errors: ['invalid_state']
	},
	async ({ app, actor, body }) => presentPlaylist(await createPlaylist(app, actor, body), app.config.publicUrl)
);
