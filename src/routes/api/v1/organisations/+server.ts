import { endpoint } from '$lib/server/http/endpoint';
import { Paged } from '$lib/server/shared/schemas';
import { CreateOrganisationInput, ListOrganisationsQuery, OrganisationDto } from '$lib/server/organisations/schemas';
import { createOrganisation, listOrganisations } from '$lib/server/organisations/service';
import { presentOrganisation } from '$lib/server/organisations/presenters';

export const GET = endpoint(
	{
		summary: 'List organisations',
		description: 'Approved organisations for everyone; `status=pending|suspended` for the city’s admins (with `city`).',
		tags: ['Organisations'],
		access: 'public',
		query: ListOrganisationsQuery,
		response: Paged(OrganisationDto)
	},
	async ({ app, actor, query }) => {
		const result = await listOrganisations(app, actor, query);
		return { ...result, items: result.items.map(presentOrganisation) };
	}
);

export const POST = endpoint(
	{
		summary: 'Register an organisation',
		description: 'Anyone signed in. The organisation starts `pending` until a city admin approves it; its creator becomes owner.',
		tags: ['Organisations'],
		access: 'user',
		body: CreateOrganisationInput,
		response: OrganisationDto,
		status: 201
	},
	async ({ app, actor, body }) => presentOrganisation(await createOrganisation(app, actor, body))
);
