import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { z } from 'zod';
import { ChangeRoleInput, InviteMemberInput } from '$lib/server/organisations/schemas';
import { changeMemberRole, listOrganisationMembers, removeMember } from '$lib/server/organisations/members';
import { inviteMember, listOpenInvitations, revokeInvitation } from '$lib/server/organisations/invitations';
import { presentInvitation, presentMember } from '$lib/server/organisations/presenters';
import { handleForm } from '$lib/server/forms/forms';
import { requireSignedIn } from '$lib/server/pages/guards';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const { org, can } = await parent();
	if (!can.seeMembers) error(403, 'Members only');
	return {
		me: actor.user.id,
		members: (await listOrganisationMembers(locals.app, actor, org.id)).map(presentMember),
		invitations: can.invite ? (await listOpenInvitations(locals.app, actor, org.id)).map(presentInvitation) : []
	};
};

const UserTarget = z.object({ userId: z.uuid() });

export const actions: Actions = {
	invite: async (event) =>
		handleForm(event.request, InviteMemberInput, {}, async (input) => {
			await inviteMember(event.locals.app, event.locals.actor, event.params.id, input, event.locals.locale);
			return { invited: input.email };
		}),
	role: async (event) =>
		handleForm(event.request, UserTarget.extend(ChangeRoleInput.shape), {}, async ({ userId, role }) => {
			await changeMemberRole(event.locals.app, event.locals.actor, event.params.id, userId, role);
			return { roleChanged: true as const };
		}),
	remove: async (event) =>
		handleForm(event.request, UserTarget, {}, async ({ userId }) => {
			await removeMember(event.locals.app, event.locals.actor, event.params.id, userId);
			return { removed: true as const };
		}),
	withdraw: async (event) =>
		handleForm(event.request, z.object({ invitationId: z.uuid() }), {}, async ({ invitationId }) => {
			await revokeInvitation(event.locals.app, event.locals.actor, event.params.id, invitationId);
			return { withdrawn: true as const };
		})
};
