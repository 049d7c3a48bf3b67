import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { requireUser } from '$lib/server/policies/policies';
import { renewCalendarFeed } from '$lib/server/learners/service';

export const POST = endpoint(
	{
		summary: 'A (new) secret address for my calendar feed',
		description: 'An iCalendar feed of the activities I joined, for any calendar app. Asking again replaces the address.',
		tags: ['Learners'],
		access: 'user',
		response: z.object({ url: z.string() }),
		status: 201
	},
	async ({ app, actor }) => ({ url: await renewCalendarFeed(app, requireUser(actor)) })
);
