import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { QualityDto, QualityReviewInput } from '$lib/server/quality/schemas';
import { reviewQuality } from '$lib/server/quality/service';

export const POST = endpoint(
	{
		summary: 'Grant or withdraw the quality label',
		description: 'City admins. `granted` (published activities only), `withdrawn`, or `changes_requested`; each decision is kept in the history.',
		tags: ['Quality'],
		access: 'user',
		body: QualityReviewInput,
		response: QualityDto,
		errors: ['invalid_state']
	},
	async ({ app, actor, params, body }) => reviewQuality(app, actor, uuidParam(params.id, 'Activity'), body)
);
