import { z } from 'zod';
import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { InvitationDto, InviteMemberInput } from '$lib/server/organisations/schemas';
import { inviteMember, listOpenInvitations } from '$lib/server/organisations/invitations';
import { presentInvitation } from '$lib/server/organisations/presenters';

export const GET = endpoint(
	{
		summary: 'List open invitations',
		description: 'Owners and admins of the organisation.',
		tags: ['Organisations'],
		access: 'user',
		response: z.object({ items: z.array(InvitationDto) })
	},
	async ({ app, actor, params }) => ({
		items: (await listOpenInvitations(app, actor, uuidParam(params.id, 'Organisation'))).map(presentInvitation)
	})
);

export const POST = endpoint(
	{
		summary: 'Invite a member by e-mail',
		description:
			'Owners and admins; only owners may invite owners. Inviting an address again sends a fresh link. The invitee accepts with `POST /api/v1/invitations/{token}/accept`.',
		tags: ['Organisations'],
		access: 'user',
		body: InviteMemberInput,
		response: InvitationDto,
		status: 201,
		errors: ['already_member', 'invalid_state']
	},
	async ({ app, actor, params, body, event }) =>
		presentInvitation(await inviteMember(app, actor, uuidParam(params.id, 'Organisation'), body, event.locals.locale))
);
