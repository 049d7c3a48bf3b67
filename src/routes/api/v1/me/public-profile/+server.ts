import { endpoint } from '$lib/server/http/endpoint';
import { MyPublicProfileDto, PublicProfileInput } from '$lib/server/profiles/schemas';
import { getMyPublicProfile, updateMyPublicProfile } from '$lib/server/profiles/service';

export const GET = endpoint(
	{ summary: 'My public profile settings', description: 'Whether my public profile is on, its address, name, headline and the credentials it shows.', tags: ['Learners'], access: 'user', response: MyPublicProfileDto },
	async ({ app, actor }) => getMyPublicProfile(app, actor)
);

export const PUT = endpoint(
	{
		summary: 'Switch my public profile on or off and choose what it shows',
		description: 'Only my own credentials can be chosen; revoked ones are never shown. The address stays the same when it is switched off and on again.',
		tags: ['Learners'],
		access: 'user',
		body: PublicProfileInput,
		response: MyPublicProfileDto
	},
	async ({ app, actor, body }) => updateMyPublicProfile(app, actor, body)
);
