import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { loadDashboard } from '$lib/server/stats/pages';
import { organisationFeedback } from '$lib/server/surveys/feedback';
import { pickText } from '$lib/i18n/locales';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const locale = locals.locale ?? 'en';
	const dashboard = await loadDashboard(locals.app, actor, { kind: 'organisation', id: params.id }, url, locale);
	// The same people may read both (members, city admins): what participants said, beside the figures.
	const feedback = await organisationFeedback(locals.app, actor, params.id);
	return {
		...dashboard,
		feedback: {
			surveys: feedback.surveys,
			responses: feedback.responses,
			items: feedback.items.map((item) => ({
				surveyId: item.survey.id,
				title: pickText(item.survey.title, locale),
				activity: item.activity ? { id: item.activity.id, title: pickText(item.activity.title, locale) } : null,
				responses: item.responses,
				scales: item.scales.map((scale) => ({ text: pickText(scale.text, locale), mean: scale.mean, answered: scale.answered }))
			}))
		}
	};
};
