import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { removeCityAdmin } from '$lib/server/cities/service';

export const DELETE = endpoint(
	{ summary: 'Remove a city admin', description: 'Platform admins only.', tags: ['Cities'], access: 'user', status: 204 },
	async ({ app, actor, params }) => {
		await removeCityAdmin(app, actor, params.slug!, uuidParam(params.userId, 'City admin'));
	}
);
