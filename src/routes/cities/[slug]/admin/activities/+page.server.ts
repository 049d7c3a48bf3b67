import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { cityReviewQueues } from '$lib/server/quality/queues';
import { loadActivities } from '$lib/server/activities/queries';
import { reviewActivity } from '$lib/server/activities/service';
import { handleForm } from '$lib/server/forms/forms';
import { pickText } from '$lib/i18n/locales';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { adminCity } = await parent();
	const queues = await cityReviewQueues(locals.app.db, adminCity.id);
	const records = new Map((await loadActivities(locals.app.db, [...queues.inReview, ...queues.awaitingLabel])).map((a) => [a.id, a]));
	const show = (id: string) => {
		const a = records.get(id)!;
		return { id, title: pickText(a.title, locals.locale, [a.city.defaultLocale]), organisation: a.organisation.name, submittedAt: a.submittedAt?.toISOString() ?? null };
	};
	return { inReview: queues.inReview.map(show), awaitingLabel: queues.awaitingLabel.map(show) };
};

export const actions: Actions = {
	review: async ({ locals, request }) =>
		handleForm(request, z.object({ id: z.uuid(), decision: z.enum(['approve', 'reject']), comment: z.string().trim().max(2000).optional() }), {}, async (input) => {
			await reviewActivity(locals.app, locals.actor, input.id, input);
			return { done: input.decision };
		})
};
