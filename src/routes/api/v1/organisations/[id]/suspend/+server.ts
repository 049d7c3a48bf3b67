import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { OrganisationDto, SuspendOrganisationInput } from '$lib/server/organisations/schemas';
import { suspendOrganisation } from '$lib/server/organisations/service';
import { presentOrganisation } from '$lib/server/organisations/presenters';

export const POST = endpoint(
	{
		summary: 'Suspend an organisation',
		description: 'City admins of its city. Also declines a pending organisation. The reason is shown to its members.',
		tags: ['Organisations'],
		access: 'user',
		body: SuspendOrganisationInput,
		response: OrganisationDto,
		errors: ['invalid_state', 'forbidden']
	},
	async ({ app, actor, params, body }) =>
		presentOrganisation(await suspendOrganisation(app, actor, uuidParam(params.id, 'Organisation'), body.reason))
);
