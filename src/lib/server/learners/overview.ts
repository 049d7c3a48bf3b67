import type { AppContext } from '../app/context';
import type { SignedInActor } from '../auth/actor';
import { listMyEnrolments } from '../enrolments/service';
import { loadActivities } from '../activities/queries';
import { presentSummary } from '../discovery/presenters';
import { myPlaylists } from '../playlists/following';
import { presentPlaylistCard } from '../playlists/presenters';
import { pickText } from '../../i18n/locales';

/**
 * What a learner is doing: the activities they joined, where they wait for a place, and the playlists
 * they follow with their progress. "My activities" and the wallet both show it, from this one loader.
 * The wallet shows only what is still to come, so it skips completed enrolments (`completed: false`):
 * a learner with hundreds of badges would otherwise load hundreds of finished activities per visit.
 */
export async function loadLearnerOverview(app: Pick<AppContext, 'db'>, actor: SignedInActor, locale: string, options: { completed?: boolean } = {}) {
	// The playlists do not depend on the enrolments: both are read at once.
	const [enrolled, followed] = await Promise.all([listMyEnrolments(app, actor.user.id), myPlaylists(app, actor)]);
	const mine = options.completed === false ? enrolled.filter((e) => e.status !== 'completed') : enrolled;
	const records = new Map((await loadActivities(app.db, mine.map((e) => e.activityId))).map((a) => [a.id, a]));
	const summary = (id: string) => {
		const record = records.get(id)!;
		return { ...presentSummary(record, ''), timezone: record.city.timezone };
	};
	return {
		playlists: followed.map(({ playlist, progress, credential }) => {
			const next = playlist.items.find((item) => item.activityId === progress.next);
			return {
				card: presentPlaylistCard(playlist, locale),
				progress: {
					completed: progress.completed,
					needed: progress.needed,
					earned: credential !== null,
					next: next ? { id: next.activityId, title: pickText(next.title, locale, [playlist.city.defaultLocale]) } : null
				}
			};
		}),
		joined: mine.filter((e) => ['joined', 'submitted', 'completed'].includes(e.status) && records.has(e.activityId)).map((e) => ({ ...summary(e.activityId), enrolmentStatus: e.status })),
		waiting: mine.filter((e) => e.status === 'waitlisted' && records.has(e.activityId)).map((e) => ({ ...summary(e.activityId), position: e.waitlistPosition }))
	};
}

type Overview = Awaited<ReturnType<typeof loadLearnerOverview>>;

/**
 * Sessions still to attend: joined activities not completed yet that have not ended, soonest first.
 * Always-open activities have no session to list.
 */
export function upcomingSessions(joined: Overview['joined'], now: Date) {
	return joined
		.filter((activity) => activity.enrolmentStatus !== 'completed' && activity.startsAt !== null && new Date(activity.endsAt ?? activity.startsAt) >= now)
		.sort((a, b) => a.startsAt!.localeCompare(b.startsAt!));
}
