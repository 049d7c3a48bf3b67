import type { Actions, PageServerLoad } from './$types';
import { listMyEnrolments } from '$lib/server/enrolments/service';
import { loadActivities } from '$lib/server/activities/queries';
import { presentSummary } from '$lib/server/discovery/presenters';
import { getLearningProfile, renewCalendarFeed } from '$lib/server/learners/service';
import { recommendActivities } from '$lib/server/learners/recommendations';
import { requireSignedIn } from '$lib/server/pages/guards';
import { myPlaylists } from '$lib/server/playlists/following';
import { presentPlaylistCard } from '$lib/server/playlists/presenters';
import { pickText } from '$lib/i18n/locales';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const mine = await listMyEnrolments(locals.app, actor.user.id);
	const records = new Map((await loadActivities(locals.app.db, mine.map((e) => e.activityId))).map((a) => [a.id, a]));
	const summary = (id: string) => {
		const record = records.get(id)!;
		return { ...presentSummary(record, ''), timezone: record.city.timezone };
	};
	const profile = await getLearningProfile(locals.app, actor.user.id);
	const recommendations = await recommendActivities(locals.app, actor.user.id, profile, { limit: 6 });
	const followed = await myPlaylists(locals.app, actor);
	return {
		playlists: followed.map(({ playlist, progress, credential }) => {
			const next = playlist.items.find((item) => item.activityId === progress.next);
			return {
				card: presentPlaylistCard(playlist, locals.locale),
				progress: {
					completed: progress.completed,
					needed: progress.needed,
					earned: credential !== null,
					next: next ? { id: next.activityId, title: pickText(next.title, locals.locale, [playlist.city.defaultLocale]) } : null
				}
			};
		}),
		joined: mine.filter((e) => ['joined', 'submitted', 'completed'].includes(e.status) && records.has(e.activityId)).map((e) => summary(e.activityId)),
		waiting: mine.filter((e) => e.status === 'waitlisted' && records.has(e.activityId)).map((e) => ({ ...summary(e.activityId), position: e.waitlistPosition })),
		recommendations: recommendations.map((r) => ({ activity: { ...presentSummary(r.activity, ''), timezone: r.activity.city.timezone }, reasons: r.reasons })),
		profileEmpty: profile.skillNeeds.length === 0 && profile.interests.length === 0,
		catalogTitles: Object.fromEntries(recommendations.flatMap((r) => r.reasons.filter((x) => x.code === 'skill' && x.detail).map((x) => [x.detail!, locals.app.frameworks.item(x.detail!)?.title ?? x.detail!])))
	};
};

export const actions: Actions = {
	feed: async ({ locals, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		return { feedUrl: await renewCalendarFeed(locals.app, actor) };
	}
};
