import { endpoint } from '$lib/server/http/endpoint';
import { OkDto, ResetPasswordInput } from '$lib/server/accounts/schemas';
import { resetPassword } from '$lib/server/accounts/service';

export const POST = endpoint(
	{
		summary: 'Set a new password with a reset token',
		description: 'Signs out every session of the account.',
		tags: ['Accounts'],
		access: 'public',
		body: ResetPasswordInput,
		response: OkDto,
		errors: ['invalid_token']
	},
	async ({ app, body }) => {
		await resetPassword(app, body.token, body.newPassword);
		return { ok: true };
	}
);
