import { endpoint } from '$lib/server/http/endpoint';
import { DeleteAccountInput, MeDto, UpdateProfileInput, UserDto } from '$lib/server/accounts/schemas';
import { deleteAccount, describeMe, updateProfile } from '$lib/server/accounts/service';
import { requireUser } from '$lib/server/policies/policies';

export const GET = endpoint(
	{ summary: 'The signed-in person, with their roles', tags: ['Accounts'], access: 'user', response: MeDto },
	async ({ app, actor }) => describeMe(app, requireUser(actor))
);

export const PATCH = endpoint(
	{ summary: 'Update name or interface language', tags: ['Accounts'], access: 'user', body: UpdateProfileInput, response: UserDto },
	async ({ app, actor, body }) => updateProfile(app, requireUser(actor), body)
);

export const DELETE = endpoint(
	{
		summary: 'Delete the account',
		description:
			'Needs the password and a session (not a personal API token). Refused while the person is the last platform admin or the only owner of an approved organisation.',
		tags: ['Accounts'],
		access: 'user',
		body: DeleteAccountInput,
		status: 204,
		errors: ['last_owner', 'last_platform_admin']
	},
	async ({ app, actor, body, event }) => {
		await deleteAccount(app, requireUser(actor), body.password, event.request.headers);
	}
);
