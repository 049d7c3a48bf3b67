import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { CityDto, CreateCityInput } from '$lib/server/cities/schemas';
import { createCity } from '$lib/server/cities/service';
import { listAllCities } from '$lib/server/cities/queries';
import { presentCity } from '$lib/server/cities/presenters';

export const GET = endpoint(
	{ summary: 'List cities', tags: ['Cities'], access: 'public', response: z.object({ items: z.array(CityDto) }), cacheSeconds: 5 },
	async ({ app }) => ({ items: (await listAllCities(app.db)).map(presentCity) })
);

export const POST = endpoint(
	{
		summary: 'Create a city',
		description: 'Platform admins only.',
		tags: ['Cities'],
		access: 'user',
		body: CreateCityInput,
		response: CityDto,
		status: 201,
		errors: ['slug_taken', 'forbidden']
	},
	async ({ app, actor, body }) => presentCity(await createCity(app, actor, body))
);
