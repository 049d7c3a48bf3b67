import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/database';
import { activities } from '../activities/schema';
import { enrolments, HOLDS_PLACE } from '../enrolments/schema';
import { playlistFollowers } from '../playlists/schema';
import { credentials } from '../credentials/schema';
import type { SurveyRow } from './queries';

/** What decides which surveys a learner is asked: the activities they took part in, the playlists they follow and completed. */
export interface LearnerContext {
	/** Activities the learner takes part in, with whether they are over for them (ended, or completed). */
	activities: Map<string, { over: boolean }>;
	following: Set<string>;
	completedPlaylists: Set<string>;
	/** Cities the learner takes part in (activities joined, playlists followed). */
	cities: Set<string>;
}

export async function loadLearnerContext(db: Db, userId: string, now: Date): Promise<LearnerContext> {
	const [joined, followed, completed] = await Promise.all([
		db
			.select({ activityId: enrolments.activityId, cityId: enrolments.cityId, status: enrolments.status, startsAt: activities.startsAt, endsAt: activities.endsAt })
			.from(enrolments)
			.innerJoin(activities, eq(activities.id, enrolments.activityId))
			.where(and(eq(enrolments.userId, userId), inArray(enrolments.status, [...HOLDS_PLACE]))),
		db.select({ playlistId: playlistFollowers.playlistId, cityId: playlistFollowers.cityId }).from(playlistFollowers).where(eq(playlistFollowers.userId, userId)),
		db
			.select({ playlistId: credentials.playlistId })
			.from(credentials)
			.where(and(eq(credentials.userId, userId), isNotNull(credentials.playlistId), isNull(credentials.revokedAt)))
	]);
	const over = (row: (typeof joined)[number]) => {
		const end = row.endsAt ?? row.startsAt;
		return row.status === 'completed' || (end !== null && end.getTime() <= now.getTime());
	};
	return {
		activities: new Map(joined.map((row) => [row.activityId, { over: over(row) }])),
		following: new Set(followed.map((row) => row.playlistId)),
		completedPlaylists: new Set(completed.map((row) => row.playlistId).filter((id): id is string => id !== null)),
		cities: new Set([...joined.map((row) => row.cityId), ...followed.map((row) => row.cityId)])
	};
}

/**
 * Whom each kind of survey is for: everyone (needs mapping), participants once the activity is over
 * for them, followers of the playlist before (pre), and those who completed it after (post, follow-up).
 */
export function mayAnswer(survey: Pick<SurveyRow, 'kind' | 'activityId' | 'playlistId'>, learner: LearnerContext): boolean {
	switch (survey.kind) {
		case 'needs':
			return true;
		case 'activity_feedback':
			return survey.activityId !== null && learner.activities.get(survey.activityId)?.over === true;
		case 'playlist_pre':
			return survey.playlistId !== null && learner.following.has(survey.playlistId);
		case 'playlist_post':
		case 'follow_up':
			return survey.playlistId !== null && learner.completedPlaylists.has(survey.playlistId);
	}
}
