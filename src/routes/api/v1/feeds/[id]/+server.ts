import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { FeedWithHistoryDto } from '$lib/server/imports/feed-schemas';
import { deleteFeed, feedRuns, findFeed } from '$lib/server/imports/feeds';
import { presentFeed, presentRun } from '$lib/server/imports/presenters';

export const GET = endpoint(
	{ summary: 'A feed and its last ten runs', tags: ['Imports'], access: 'user', response: FeedWithHistoryDto },
	async ({ app, actor, params }) => {
		const feed = await findFeed(app, actor, uuidParam(params.id, 'Feed'));
		return { ...presentFeed(feed), runs: (await feedRuns(app, feed.id)).map((run) => presentRun(run, app.config.publicUrl)) };
	}
);

export const DELETE = endpoint(
	{ summary: 'Unsubscribe from a feed', description: 'The activities it imported stay.', tags: ['Imports'], access: 'user', status: 204 },
	async ({ app, actor, params }) => {
		await deleteFeed(app, actor, uuidParam(params.id, 'Feed'));
	}
);
