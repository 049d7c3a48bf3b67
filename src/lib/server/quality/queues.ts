import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { activities } from '../activities/schema';
import { listActivitiesInReview } from '../activities/queries';

/** What waits for a city's admins: activities submitted for publication, and quality labels to decide. */
export async function cityReviewQueues(db: Db, cityId: string) {
	const [inReview, awaitingLabel] = await Promise.all([
		listActivitiesInReview(db, cityId),
		db
			.select({ id: activities.id })
			.from(activities)
			.where(
				and(
					eq(activities.cityId, cityId),
					eq(activities.status, 'published'),
					eq(activities.qualityLabel, false),
					sql`${activities.qualityAssessment} <> '{}'::jsonb`
				)
			)
			.orderBy(asc(activities.updatedAt))
			.limit(200)
	]);
	return { inReview, awaitingLabel: awaitingLabel.map((r) => r.id) };
}
