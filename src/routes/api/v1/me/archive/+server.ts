import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { requireUser } from '$lib/server/policies/policies';
import { buildArchive } from '$lib/server/records/archive';

export const GET = endpoint(
	{
		summary: 'All my data',
		description:
			'Everything the platform keeps about the signed-in person, as JSON: account, learning profile, enrolments, evidence (files by link), credentials as issued (also revoked ones, with the reason), followed playlists, memberships, city roles, API token names (never the tokens), and their own recorded actions.',
		tags: ['Accounts'],
		access: 'user',
		response: z.record(z.string(), z.unknown())
	},
	async ({ app, actor }) => buildArchive(app, requireUser(actor).user.id)
);
