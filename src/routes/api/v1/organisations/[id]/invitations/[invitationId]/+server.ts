import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { revokeInvitation } from '$lib/server/organisations/invitations';

export const DELETE = endpoint(
	{ summary: 'Withdraw an invitation', tags: ['Organisations'], access: 'user', status: 204 },
	async ({ app, actor, params }) => {
		await revokeInvitation(app, actor, uuidParam(params.id, 'Organisation'), uuidParam(params.invitationId, 'Invitation'));
	}
);
