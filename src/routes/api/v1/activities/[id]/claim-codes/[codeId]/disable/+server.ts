import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { disableClaimCode } from '$lib/server/credentials/claims';
import { ClaimCodeDto, presentClaimCode } from '$lib/server/credentials/claim-schemas';

export const POST = endpoint(
	{
		summary: 'Switch a claim code off',
		description: 'Members of the organisation. The code stops working at once; badges already claimed stay valid. Twice is a 409.',
		tags: ['Badges'],
		access: 'user',
		response: ClaimCodeDto,
		errors: ['invalid_state']
	},
	async ({ app, actor, params }) =>
		presentClaimCode(await disableClaimCode(app, actor, uuidParam(params.id, 'Activity'), uuidParam(params.codeId, 'Claim code')), app.config.publicUrl, app.now())
);
