import { endpoint } from '$lib/server/http/endpoint';
import { TargetsDto, TargetsInput } from '$lib/server/stats/schemas';
import { getTargets, setTargets } from '$lib/server/stats/service';

export const GET = endpoint(
	{ summary: 'A city’s targets', description: 'City admins of this city and platform admins.', tags: ['Dashboards'], access: 'user', response: TargetsDto, errors: ['not_found', 'forbidden'] },
	async ({ app, actor, params }) => getTargets(app, actor, params.slug!)
);

export const PUT = endpoint(
	{
		summary: 'Set a city’s targets',
		description: 'Replaces every target: counts for the period shown, or percentages (0-100) for the `_share` metrics.',
		tags: ['Dashboards'],
		access: 'user',
		body: TargetsInput,
		response: TargetsDto,
		errors: ['not_found', 'forbidden']
	},
	async ({ app, actor, params, body }) => setTargets(app, actor, params.slug!, body)
);
