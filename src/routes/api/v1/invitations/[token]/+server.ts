import { endpoint } from '$lib/server/http/endpoint';
import { InvitationPreviewDto } from '$lib/server/organisations/schemas';
import { previewInvitation } from '$lib/server/organisations/invitations';

export const GET = endpoint(
	{
		summary: 'What an invitation offers',
		tags: ['Organisations'],
		access: 'public',
		response: InvitationPreviewDto,
		errors: ['invalid_token']
	},
	async ({ app, params }) => previewInvitation(app, params.token!)
);
