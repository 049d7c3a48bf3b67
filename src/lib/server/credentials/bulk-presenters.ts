import type { getAwardBatch } from './bulk';
import type { AwardBatchDto } from './bulk-schemas';

export function presentAwardBatch(publicUrl: string, { batch, tally, problems }: Awaited<ReturnType<typeof getAwardBatch>>): AwardBatchDto {
	const awarded = tally.awarded ?? 0;
	const already = tally.already ?? 0;
	const failed = tally.failed ?? 0;
	return {
		id: batch.id,
		activityId: batch.activityId,
		status: batch.status,
		total: batch.total,
		processed: awarded + already + failed,
		awarded,
		already,
		failed,
		problems,
		createdAt: batch.createdAt.toISOString(),
		finishedAt: batch.finishedAt?.toISOString() ?? null,
		url: `${publicUrl}/api/v1/activities/${batch.activityId}/awards/${batch.id}`
	};
}
