import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { leaveActivity } from '$lib/server/enrolments/service';
import { notifyPromotion } from '$lib/server/enrolments/notify';

export const DELETE = endpoint(
	{
		summary: 'Leave an activity',
		description: 'Gives up the place (or the place on the waiting list). A freed place goes to the first person waiting, who is told by e-mail.',
		tags: ['Enrolments'],
		access: 'user',
		status: 204
	},
	async ({ app, actor, params }) => {
		const id = uuidParam(params.id, 'Activity');
		const { promotedUserId } = await leaveActivity(app, actor, id);
		if (promotedUserId) await notifyPromotion(app, promotedUserId, id);
	}
);
