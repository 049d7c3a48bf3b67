import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { notFound } from '$lib/server/http/errors';
import { getAwardBatch } from '$lib/server/credentials/bulk';
import { AwardBatchDto } from '$lib/server/credentials/bulk-schemas';
import { presentAwardBatch } from '$lib/server/credentials/bulk-presenters';

export const GET = endpoint(
	{
		summary: 'A bulk award’s progress',
		description: 'Members of the organisation. Counts of awarded, already held and failed recipients, and the first 100 problems with their line numbers.',
		tags: ['Badges'],
		access: 'user',
		response: AwardBatchDto
	},
	async ({ app, actor, params }) => {
		const found = await getAwardBatch(app, actor, uuidParam(params.batchId, 'Bulk award'));
		if (found.batch.activityId !== uuidParam(params.id, 'Activity')) throw notFound('Bulk award');
		return presentAwardBatch(app.config.publicUrl, found);
	}
);
