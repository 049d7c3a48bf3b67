import { z } from 'zod';
import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { rotateOrganisationKey } from '$lib/server/credentials/service';

export const POST = endpoint(
	{
		summary: 'Rotate the organisation’s signing key',
		description:
			'Owners and admins of the organisation. Retires the active Ed25519 key and creates a new one; new credentials are signed with it. The retired key stays in the DID document, so credentials it signed keep verifying. Also `npm run cli -- rotate-key --organisation <id>`.',
		tags: ['Badges'],
		access: 'user',
		body: z.object({}).default({}),
		response: z.object({ keyId: z.string().describe('The new key, as `did:web:...#key-N`'), retired: z.int().describe('How many keys the organisation had before') })
	},
	async ({ app, actor, params }) => rotateOrganisationKey(app, actor, uuidParam(params.id, 'Organisation'))
);
