import { endpoint } from '$lib/server/http/endpoint';
import { PublicProfileDto } from '$lib/server/profiles/schemas';
import { findPublicProfile } from '$lib/server/profiles/service';
import { presentPublicProfile } from '$lib/server/profiles/presenters';

export const GET = endpoint(
	{
		summary: 'A learner’s public profile',
		description: 'The credentials a learner chose to show, each with the link that verifies it. 404 while the profile is switched off.',
		tags: ['Learners'],
		access: 'public',
		response: PublicProfileDto
	},
	async ({ app, params }) => presentPublicProfile(await findPublicProfile(app, params.id ?? ''), app.frameworks, app.config.publicUrl, app.now())
);
