import { z } from 'zod';
import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { FeedDto, FeedInput } from '$lib/server/imports/feed-schemas';
import { createFeed, listFeeds } from '$lib/server/imports/feeds';
import { presentFeed } from '$lib/server/imports/presenters';

export const GET = endpoint(
	{ summary: 'The organisation’s subscribed feeds', tags: ['Imports'], access: 'user', response: z.object({ items: z.array(FeedDto) }) },
	async ({ app, actor, params }) => ({ items: (await listFeeds(app, actor, uuidParam(params.id, 'Organisation'))).map(presentFeed) })
);

export const POST = endpoint(
	{
		summary: 'Subscribe to a feed',
		description: 'The URL is imported in the background within a minute (`lastRunAt` then set), and again every `intervalMinutes`: new records are created, changed ones updated, and activities whose record the source dropped are archived. A failed fetch is recorded on the feed and changes nothing. Members of an approved organisation.',
		tags: ['Imports'],
		access: 'user',
		body: FeedInput,
		response: FeedDto,
		status: 201
	},
	async ({ app, actor, params, body }) => presentFeed(await createFeed(app, actor, uuidParam(params.id, 'Organisation'), body))
);
