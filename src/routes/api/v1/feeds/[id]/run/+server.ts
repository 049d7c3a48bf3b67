import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { FeedDto } from '$lib/server/imports/feed-schemas';
import { runFeedNow } from '$lib/server/imports/feeds';
import { presentFeed } from '$lib/server/imports/presenters';

export const POST = endpoint(
	{ summary: 'Fetch a feed now', description: 'Runs it at once instead of waiting for its time; the answer carries the outcome (`lastError` when it failed).', tags: ['Imports'], access: 'user', response: FeedDto },
	async ({ app, actor, params }) => presentFeed(await runFeedNow(app, actor, uuidParam(params.id, 'Feed')))
);
