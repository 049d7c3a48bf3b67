import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { PlaylistImpactDto } from '$lib/server/surveys/schemas';
import { playlistImpact } from '$lib/server/surveys/impact';

export const GET = endpoint(
	{
		summary: 'A playlist’s impact',
		description:
			'Members of its organisation and the city’s admins. Followers, completions (followers holding the playlist badge) and the rate, the median days from following to the badge, the change per competence between the newest pre and post self-assessments (paired per learner when both are linked, otherwise group means), and the follow-up survey’s results.',
		tags: ['Playlists', 'Surveys'],
		access: 'user',
		response: PlaylistImpactDto,
		errors: ['forbidden', 'not_found']
	},
	async ({ app, actor, params }) => playlistImpact(app, actor, uuidParam(params.id, 'Playlist'))
);
