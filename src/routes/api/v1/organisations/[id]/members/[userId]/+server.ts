import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { ChangeRoleInput, MemberDto } from '$lib/server/organisations/schemas';
import { changeMemberRole, removeMember } from '$lib/server/organisations/members';
import { presentMember } from '$lib/server/organisations/presenters';

export const PATCH = endpoint(
	{
		summary: 'Change a member’s role',
		description: 'Owners only. An organisation always keeps at least one owner.',
		tags: ['Organisations'],
		access: 'user',
		body: ChangeRoleInput,
		response: MemberDto,
		errors: ['last_owner']
	},
	async ({ app, actor, params, body }) =>
		presentMember(
			await changeMemberRole(app, actor, uuidParam(params.id, 'Organisation'), uuidParam(params.userId, 'Member'), body.role)
		)
);

export const DELETE = endpoint(
	{
		summary: 'Remove a member, or leave',
		description: 'Owners remove members; any member may remove themselves. The last owner cannot leave.',
		tags: ['Organisations'],
		access: 'user',
		status: 204,
		errors: ['last_owner']
	},
	async ({ app, actor, params }) => {
		await removeMember(app, actor, uuidParam(params.id, 'Organisation'), uuidParam(params.userId, 'Member'));
	}
);
