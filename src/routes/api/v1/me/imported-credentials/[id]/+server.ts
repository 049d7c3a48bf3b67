import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { removeImportedCredential } from '$lib/server/wallet/imports';

export const DELETE = endpoint(
	{ summary: 'Remove an imported badge from my wallet', tags: ['Badges'], access: 'user', status: 204 },
	async ({ app, actor, params }) => {
		await removeImportedCredential(app, actor, uuidParam(params.id, 'Imported credential'));
	}
);
