import { endpoint } from '$lib/server/http/endpoint';
import { OkDto } from '$lib/server/accounts/schemas';
import { resendVerification } from '$lib/server/accounts/service';
import { requireUser } from '$lib/server/policies/policies';

export const POST = endpoint(
	{ summary: 'Send the verification e-mail again', tags: ['Accounts'], access: 'user', response: OkDto, errors: ['invalid_state'] },
	async ({ app, actor }) => {
		await resendVerification(app, requireUser(actor));
		return { ok: true };
	}
);
