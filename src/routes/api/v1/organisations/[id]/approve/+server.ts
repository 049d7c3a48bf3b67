import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { OrganisationDto } from '$lib/server/organisations/schemas';
import { approveOrganisation } from '$lib/server/organisations/service';
import { presentOrganisation } from '$lib/server/organisations/presenters';

export const POST = endpoint(
	{
		summary: 'Approve an organisation',
		description: 'City admins of its city. Approves a pending organisation or reinstates a suspended one.',
		tags: ['Organisations'],
		access: 'user',
		response: OrganisationDto,
		errors: ['invalid_state', 'forbidden']
	},
	async ({ app, actor, params }) => presentOrganisation(await approveOrganisation(app, actor, uuidParam(params.id, 'Organisation')))
);
