import { endpoint } from '$lib/server/http/endpoint';
import { CityDto, UpdateCityInput } from '$lib/server/cities/schemas';
import { getCityOrThrow, updateCity } from '$lib/server/cities/service';
import { describeCity } from '$lib/server/cities/describe';

export const GET = endpoint(
	{ summary: 'A city', tags: ['Cities'], access: 'public', response: CityDto, errors: ['not_found'], cacheSeconds: 5 },
	async ({ app, params }) => describeCity(app, await getCityOrThrow(app, params.slug!))
);

export const PATCH = endpoint(
	{
		summary: 'Update a city’s settings',
		description: 'City admins of this city and platform admins. The slug cannot change.',
		tags: ['Cities'],
		access: 'user',
		body: UpdateCityInput,
		response: CityDto,
		errors: ['not_found', 'forbidden']
	},
	async ({ app, actor, params, body }) => describeCity(app, await updateCity(app, actor, params.slug!, body))
);
