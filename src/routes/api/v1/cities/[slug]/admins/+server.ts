import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { AddCityAdminInput, CityAdminDto } from '$lib/server/cities/schemas';
import { addCityAdmin, listCityAdmins } from '$lib/server/cities/service';
import { presentCityAdmin } from '$lib/server/cities/presenters';

export const GET = endpoint(
	{ summary: 'List a city’s admins', tags: ['Cities'], access: 'user', response: z.object({ items: z.array(CityAdminDto) }) },
	async ({ app, actor, params }) => ({ items: (await listCityAdmins(app, actor, params.slug!)).map(presentCityAdmin) })
);

export const POST = endpoint(
	{
		summary: 'Make an account a city admin',
		description: 'Platform admins only. The person must already have an account.',
		tags: ['Cities'],
		access: 'user',
		body: AddCityAdminInput,
		response: CityAdminDto,
		status: 201
	},
	async ({ app, actor, params, body }) => presentCityAdmin(await addCityAdmin(app, actor, params.slug!, body.email))
);
