import { z } from 'zod';
import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { MemberDto } from '$lib/server/organisations/schemas';
import { listOrganisationMembers } from '$lib/server/organisations/members';
import { presentMember } from '$lib/server/organisations/presenters';

export const GET = endpoint(
	{
		summary: 'List an organisation’s members',
		description: 'Members of the organisation and the city’s admins.',
		tags: ['Organisations'],
		access: 'user',
		response: z.object({ items: z.array(MemberDto) })
	},
	async ({ app, actor, params }) => ({
		items: (await listOrganisationMembers(app, actor, uuidParam(params.id, 'Organisation'))).map(presentMember)
	})
);
