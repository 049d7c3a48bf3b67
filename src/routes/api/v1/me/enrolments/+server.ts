import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { requireUser } from '$lib/server/policies/policies';
import { listMyEnrolments } from '$lib/server/enrolments/service';
import { EnrolmentDto, presentEnrolment } from '$lib/server/enrolments/presenters';
import { loadActivities } from '$lib/server/activities/queries';
import { presentSummary } from '$lib/server/discovery/presenters';
import { ActivitySummaryDto } from '$lib/server/discovery/schemas';

export const GET = endpoint(
	{
		summary: 'My activities',
		description: 'The activities I joined, wait for or left, with their details.',
		tags: ['Enrolments'],
		access: 'user',
		response: z.object({ items: z.array(z.object({ enrolment: EnrolmentDto, activity: ActivitySummaryDto })) })
	},
	async ({ app, actor }) => {
		const mine = await listMyEnrolments(app, requireUser(actor).user.id);
		const activities = new Map((await loadActivities(app.db, mine.map((e) => e.activityId))).map((a) => [a.id, a]));
		return {
			items: mine
				.filter((e) => activities.has(e.activityId))
				.map((e) => ({ enrolment: presentEnrolment(e), activity: presentSummary(activities.get(e.activityId)!, app.config.publicUrl) }))
		};
	}
);
