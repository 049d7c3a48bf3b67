import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { MemberRole } from '$lib/server/organisations/schemas';
import { acceptInvitation } from '$lib/server/organisations/invitations';

export const POST = endpoint(
	{
		summary: 'Accept an invitation',
		description: 'The signed-in account’s e-mail address must be the invited one.',
		tags: ['Organisations'],
		access: 'user',
		response: z.object({ organisationId: z.uuid(), role: MemberRole }),
		errors: ['invalid_token', 'forbidden']
	},
	async ({ app, actor, params }) => acceptInvitation(app, actor, params.token!)
);
