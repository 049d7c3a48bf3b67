import type { Actions, PageServerLoad } from './$types';
import { presentSummary } from '$lib/server/discovery/presenters';
import { getLearningProfile, renewCalendarFeed } from '$lib/server/learners/service';
import { recommendActivities } from '$lib/server/learners/recommendations';
import { requireSignedIn } from '$lib/server/pages/guards';
import { loadLearnerOverview } from '$lib/server/learners/overview';
import { surveysToAnswer } from '$lib/server/surveys/service';
import { surveyListItem } from '$lib/server/surveys/page-data';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const overview = await loadLearnerOverview(locals.app, actor, locals.locale);
	const profile = await getLearningProfile(locals.app, actor.user.id);
	const recommendations = await recommendActivities(locals.app, actor.user.id, profile, { limit: 6 });
	const surveys = await surveysToAnswer(locals.app, actor);
	return {
		...overview,
		surveys: surveys.map((survey) => surveyListItem(survey, locals.locale)),
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
