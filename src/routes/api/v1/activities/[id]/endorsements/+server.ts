import { z } from 'zod';
import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { endorseBadge, listBadgeEndorsements } from '$lib/server/credentials/endorsements';
import { EndorseInput, EndorsementDto, presentEndorsement } from '$lib/server/credentials/endorsement-schemas';

export const POST = endpoint(
	{
		summary: 'Endorse the activity’s badge on behalf of an organisation',
		description:
			'Owners and admins of another approved organisation (an employer, a school). Signs an Open Badges 3.0 EndorsementCredential with the endorsing organisation’s key; it is shown with the badge and carried in credentials issued from then on. One standing endorsement per organisation and badge (409 otherwise).',
		tags: ['Badges'],
		access: 'user',
		body: EndorseInput,
		response: EndorsementDto,
		status: 201,
		errors: ['invalid_state']
	},
	async ({ app, actor, params, body }) => {
		const created = await endorseBadge(app, actor, uuidParam(params.id, 'Activity'), body);
		const name = String((created.document.issuer as { name?: string }).name ?? '');
		return presentEndorsement(created, { id: created.endorserOrganisationId, name }, app.config.publicUrl);
	}
);

export const GET = endpoint(
	{
		summary: 'The badge’s endorsements',
		description: 'Anyone. The standing endorsements of the activity’s badge, oldest first, each with its signed EndorsementCredential.',
		tags: ['Badges'],
		access: 'public',
		response: z.object({ items: z.array(EndorsementDto) })
	},
	async ({ app, params }) => ({
		items: (await listBadgeEndorsements(app, uuidParam(params.id, 'Activity'))).map((row) => presentEndorsement(row.endorsement, row.endorser, app.config.publicUrl))
	})
);
