import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { PlaylistProgressDto } from '$lib/server/playlists/schemas';
import { followPlaylist, unfollowPlaylist } from '$lib/server/playlists/following';
import { presentProgress } from '$lib/server/playlists/presenters';

export const POST = endpoint(
	{
		summary: 'Follow a playlist',
		description:
			'Any signed-in learner; following twice changes nothing. Badges earned before count: a learner who already meets the rules receives the playlist badge at once (`credential` in the answer).',
		tags: ['Playlists'],
		access: 'user',
		response: PlaylistProgressDto,
		errors: ['invalid_state']
	},
	async ({ app, actor, params }) => presentProgress(await followPlaylist(app, actor, uuidParam(params.id, 'Playlist')), app.config.publicUrl)
);

export const DELETE = endpoint(
	{
		summary: 'Stop following a playlist',
		description: 'A playlist badge already earned stays yours.',
		tags: ['Playlists'],
		access: 'user',
		status: 204,
		errors: ['not_found']
	},
	async ({ app, actor, params }) => {
		await unfollowPlaylist(app, actor, uuidParam(params.id, 'Playlist'));
	}
);
