import { endpoint } from '$lib/server/http/endpoint';
import { OkDto, RequestPasswordResetInput } from '$lib/server/accounts/schemas';
import { requestPasswordReset } from '$lib/server/accounts/service';

export const POST = endpoint(
	{
		summary: 'Ask for a password reset link',
		description: 'Always answers 200, whether or not the address has an account, so that it reveals nothing.',
		tags: ['Accounts'],
		access: 'public',
		body: RequestPasswordResetInput,
		response: OkDto
	},
	async ({ app, body, event }) => {
		await requestPasswordReset(app, body.email, { headers: event.request.headers, clientAddress: event.getClientAddress() });
		return { ok: true };
	}
);
