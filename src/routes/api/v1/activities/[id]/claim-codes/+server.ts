import { z } from 'zod';
import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { createClaimCode, listClaimCodes } from '$lib/server/credentials/claims';
import { ClaimCodeDto, CreateClaimCodeInput, presentClaimCode } from '$lib/server/credentials/claim-schemas';

export const POST = endpoint(
	{
		summary: 'Create a claim code (and QR code) for the activity’s badge',
		description: 'Members of the organisation. Whoever is signed in and enters the code between `validFrom` and `validUntil` receives the badge once (and becomes a participant who completed the activity), up to `maxClaims` people.',
		tags: ['Badges'],
		access: 'user',
		body: CreateClaimCodeInput,
		response: ClaimCodeDto,
		status: 201,
		errors: ['invalid_state']
	},
	async ({ app, actor, params, body }) => presentClaimCode(await createClaimCode(app, actor, uuidParam(params.id, 'Activity'), body), app.config.publicUrl, app.now())
);

export const GET = endpoint(
	{
		summary: 'The activity’s claim codes',
		description: 'Members of the organisation. Newest first, each with its state and how many people claimed with it.',
		tags: ['Badges'],
		access: 'user',
		response: z.object({ items: z.array(ClaimCodeDto) })
	},
	async ({ app, actor, params }) => ({ items: (await listClaimCodes(app, actor, uuidParam(params.id, 'Activity'))).map((row) => presentClaimCode(row, app.config.publicUrl, app.now())) })
);
