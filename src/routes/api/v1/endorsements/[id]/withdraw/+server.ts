import { z } from 'zod';
import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { withdrawEndorsement } from '$lib/server/credentials/endorsements';

export const POST = endpoint(
	{
		summary: 'Withdraw an endorsement',
		description: 'Owners and admins of the endorsing organisation. It is no longer shown nor carried in new credentials; credentials already issued keep the signed endorsement they carry. Twice is a 409.',
		tags: ['Badges'],
		access: 'user',
		body: z.object({}).default({}),
		response: z.object({ id: z.uuid(), withdrawnAt: z.iso.datetime() }),
		errors: ['invalid_state']
	},
	async ({ app, actor, params }) => {
		const withdrawn = await withdrawEndorsement(app, actor, uuidParam(params.id, 'Endorsement'));
		return { id: withdrawn.id, withdrawnAt: withdrawn.withdrawnAt!.toISOString() };
	}
);
