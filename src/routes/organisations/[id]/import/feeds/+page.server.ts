import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { FeedInput } from '$lib/server/imports/feed-schemas';
import { createFeed, deleteFeed, lastRunsOf, listFeeds, runFeedNow } from '$lib/server/imports/feeds';
import { presentFeed, presentRun } from '$lib/server/imports/presenters';
import { handleForm } from '$lib/server/forms/forms';
import { can } from '$lib/server/policies/policies';
import { requireSignedIn } from '$lib/server/pages/guards';

/** An organisation's subscribed feeds, each with its last run, and the form to add one. */
export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const { org } = await parent();
	if (!can(actor, 'activity.create', { cityId: org.city.id, organisationId: org.id })) error(403, 'Members only');
	const feeds = org.status === 'approved' ? await listFeeds(locals.app, actor, org.id) : [];
	const lastRuns = await lastRunsOf(locals.app, feeds);
	return { feeds: feeds.map((feed) => ({ ...presentFeed(feed), lastRun: lastRuns.has(feed.id) ? presentRun(lastRuns.get(feed.id)!, '') : null })) };
};

const FeedId = z.object({ feed: z.uuid() });

export const actions: Actions = {
	add: async (event) => {
		const actor = requireSignedIn(event.locals.actor, event.url);
		return handleForm(event.request, FeedInput, { numbers: ['intervalMinutes'], booleans: ['publish'] }, async (input) => {
			await createFeed(event.locals.app, actor, event.params.id, input);
			return { added: true as const };
		});
	},
	run: async (event) => {
		const actor = requireSignedIn(event.locals.actor, event.url);
		return handleForm(event.request, FeedId, {}, async ({ feed }) => {
			const ran = await runFeedNow(event.locals.app, actor, feed);
			return { ran: { failed: ran.lastError !== null } };
		});
	},
	remove: async (event) => {
		const actor = requireSignedIn(event.locals.actor, event.url);
		return handleForm(event.request, FeedId, {}, async ({ feed }) => {
			await deleteFeed(event.locals.app, actor, feed);
			return { removed: true as const };
		});
	}
};
