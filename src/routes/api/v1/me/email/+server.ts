import { endpoint } from '$lib/server/http/endpoint';
import { ChangeEmailInput, OkDto } from '$lib/server/accounts/schemas';
import { changeEmail } from '$lib/server/accounts/service';
import { requireUser } from '$lib/server/policies/policies';

export const POST = endpoint(
	{
		summary: 'Change the e-mail address',
		description: 'Sends a confirmation link to the new address; the address changes once it is followed.',
		tags: ['Accounts'],
		access: 'user',
		body: ChangeEmailInput,
		response: OkDto
	},
	async ({ app, actor, body, event }) => {
		await changeEmail(app, requireUser(actor), body.newEmail, event.request.headers);
		return { ok: true };
	}
);
