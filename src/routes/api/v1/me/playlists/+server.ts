import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { PlaylistProgressDto } from '$lib/server/playlists/schemas';
import { myPlaylists } from '$lib/server/playlists/following';
import { presentProgress } from '$lib/server/playlists/presenters';

export const GET = endpoint(
	{
		summary: 'My playlists',
		description: 'The playlists the signed-in learner follows, most recently followed first, each with progress ("2 of 3"), what to do next and the playlist badge once earned.',
		tags: ['Playlists'],
		access: 'user',
		response: z.object({ items: z.array(PlaylistProgressDto) })
	},
	async ({ app, actor }) => ({ items: (await myPlaylists(app, actor)).map((followed) => presentProgress(followed, app.config.publicUrl)) })
);
