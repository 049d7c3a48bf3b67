import { endpoint } from '$lib/server/http/endpoint';
import { OkDto, TokenInput } from '$lib/server/accounts/schemas';
import { verifyEmail } from '$lib/server/accounts/service';

export const POST = endpoint(
	{
		summary: 'Verify an e-mail address',
		description: 'Confirms the address with the token from the verification e-mail (also completes an e-mail change).',
		tags: ['Accounts'],
		access: 'public',
		body: TokenInput,
		response: OkDto,
		errors: ['invalid_token']
	},
	async ({ app, body }) => {
		await verifyEmail(app, body.token);
		return { ok: true };
	}
);
