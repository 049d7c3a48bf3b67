import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { OrganisationDto, UpdateOrganisationInput } from '$lib/server/organisations/schemas';
import { getOrganisation, updateOrganisation } from '$lib/server/organisations/service';
import { presentOrganisation } from '$lib/server/organisations/presenters';

export const GET = endpoint(
	{
		summary: 'An organisation',
		description: 'Pending and suspended organisations are visible to their members and the city’s admins only.',
		tags: ['Organisations'],
		access: 'public',
		response: OrganisationDto,
		errors: ['not_found']
	},
	async ({ app, actor, params }) => presentOrganisation(await getOrganisation(app, actor, uuidParam(params.id, 'Organisation')))
);

export const PATCH = endpoint(
	{
		summary: 'Update an organisation’s profile',
		description: 'Owners and admins of the organisation.',
		tags: ['Organisations'],
		access: 'user',
		body: UpdateOrganisationInput,
		response: OrganisationDto
	},
	async ({ app, actor, params, body }) =>
		presentOrganisation(await updateOrganisation(app, actor, uuidParam(params.id, 'Organisation'), body))
);
