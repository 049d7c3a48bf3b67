import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { QualityDto } from '$lib/server/quality/schemas';
import { activityQuality } from '$lib/server/quality/service';

export const GET = endpoint(
	{
		summary: 'An activity’s quality self-assessment, label and review history',
		description: 'Its organisation and the city’s admins.',
		tags: ['Quality'],
		access: 'user',
		response: QualityDto
	},
	async ({ app, actor, params }) => activityQuality(app, actor, uuidParam(params.id, 'Activity'))
);
