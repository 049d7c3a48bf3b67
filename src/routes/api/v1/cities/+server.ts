import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { CityDto, CreateCityInput } from '$lib/server/cities/schemas';
import { createCity } from '$lib/server/cities/service';
import { listAllCities } from '$lib/server/cities/queries';
import { describeCities, describeCity } from '$lib/server/cities/describe';

export const GET = endpoint(
	{ summary: 'List cities', tags: ['Cities'], access: 'public', response: z.object({ items: z.array(CityDto) }), cacheSeconds: 5 },
	async ({ app }) => ({ items: await describeCities(app, await listAllCities(app.db)) })
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
	async ({ app, actor, body }) => describeCity(app, await createCity(app, actor, body))
);
