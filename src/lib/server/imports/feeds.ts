import { and, asc, desc, eq, inArray, lte, ne } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import { loadActor, type Actor } from '../auth/actor';
import { toActorUser } from '../auth/resolve-actor';
import { users } from '../accounts/schema';
import { activities } from '../activities/schema';
import { authorize, requireUser } from '../policies/policies';
import { AppError, invalidState, notFound, validationFailed } from '../http/errors';
import { checkUrl } from '../http/public-fetch';
import { recordAudit } from '../platform/audit';
import { findOrganisationScope } from '../organisations/queries';
import { runImport } from './service';
import { importFeeds, importRuns, type ImportRunItem } from './schema';
import type { FeedInput } from './feed-schemas';
import { enqueue } from '../jobs/queue';
import { wakeLocalRunners, type JobHandler } from '../jobs/runner';

type Deps = Pick<AppContext, 'db' | 'frameworks' | 'now' | 'logger' | 'config'>;
export type FeedRow = typeof importFeeds.$inferSelect;

/** Feeds claimed per check: a slow source holds up only its own instance's share. */
const FEEDS_PER_CHECK = 5;

async function feedScope(app: Pick<Deps, 'db'>, actor: Actor, organisationId: string) {
	const org = await findOrganisationScope(app.db, organisationId);
	if (!org) throw notFound('Organisation');
	authorize(actor, 'activity.create', { cityId: org.cityId, organisationId: org.id });
	if (org.status !== 'approved') throw invalidState('Only an approved organisation can import activities.');
	return org;
}

/**
 * Subscribes the organisation to a URL. It is due at once: the background check imports it within
 * FEED_CHECK_SECONDS, away from the request (a slow source does not hold the organiser's page).
 */
export async function createFeed(app: Deps, actor: Actor, organisationId: string, input: FeedInput): Promise<FeedRow> {
	const user = requireUser(actor);
	const org = await feedScope(app, actor, organisationId);
	try {
		checkUrl(input.url);
	} catch (error) {
		if (error instanceof AppError) throw validationFailed([{ path: 'url', code: 'url_not_allowed', message: error.message }]);
		throw error;
	}
	const [feed] = await app.db
		.insert(importFeeds)
		.values({ cityId: org.cityId, organisationId: org.id, createdBy: user.user.id, url: input.url, format: input.format, publish: input.publish, intervalMinutes: input.intervalMinutes, nextRunAt: app.now() })
		.returning();
	await recordAudit(app.db, { cityId: org.cityId, actorId: user.user.id, action: 'feed.create', targetType: 'organisation', targetId: org.id, data: { feedId: feed!.id, url: input.url } });
	return feed!;
}

export async function listFeeds(app: Pick<Deps, 'db'>, actor: Actor, organisationId: string): Promise<FeedRow[]> {
	await feedScope(app, actor, organisationId);
	return app.db.select().from(importFeeds).where(eq(importFeeds.organisationId, organisationId)).orderBy(asc(importFeeds.createdAt));
}

export async function findFeed(app: Pick<Deps, 'db'>, actor: Actor, feedId: string): Promise<FeedRow> {
	const [feed] = await app.db.select().from(importFeeds).where(eq(importFeeds.id, feedId));
	if (!feed) throw notFound('Feed');
	authorize(actor, 'activity.create', { cityId: feed.cityId, organisationId: feed.organisationId });
	return feed;
}

/** The feed's history: its last runs, newest first. */
export async function feedRuns(app: Pick<Deps, 'db'>, feedId: string, limit = 10) {
	return app.db.select().from(importRuns).where(eq(importRuns.feedId, feedId)).orderBy(desc(importRuns.createdAt)).limit(limit);
}

/** The last run of each feed given, by feed id: one query for a whole list of feeds. */
export async function lastRunsOf(app: Pick<Deps, 'db'>, feeds: FeedRow[]) {
	const ids = feeds.flatMap((feed) => (feed.lastRunId ? [feed.lastRunId] : []));
	const runs = ids.length ? await app.db.select().from(importRuns).where(inArray(importRuns.id, ids)) : [];
	return new Map(runs.map((run) => [run.feedId, run]));
}

/** Unsubscribes; what the feed imported stays, as the organisation's own activities. */
export async function deleteFeed(app: Pick<Deps, 'db'>, actor: Actor, feedId: string): Promise<void> {
	const feed = await findFeed(app, actor, feedId);
	await app.db.delete(importFeeds).where(eq(importFeeds.id, feed.id));
	await recordAudit(app.db, { cityId: feed.cityId, actorId: requireUser(actor).user.id, action: 'feed.delete', targetType: 'organisation', targetId: feed.organisationId, data: { feedId: feed.id, url: feed.url } });
}

export async function runFeedNow(app: Deps, actor: Actor, feedId: string): Promise<FeedRow> {
	return runFeed(app, await findFeed(app, actor, feedId));
}

/**
 * Claims the feeds that are due and hands each to a job. Claiming moves `next_run_at` on inside a
 * transaction that skips rows another instance has locked, and enqueues the feed's job in the same
 * transaction: with several instances each feed runs once, on whichever instance takes the job, and a
 * run a crash interrupted is taken again (the singleton key keeps one job per feed at a time).
 */
export async function runDueFeeds(app: Deps): Promise<number> {
	const now = app.now();
	const claimed = await app.db.transaction(async (tx) => {
		const due = await tx.select().from(importFeeds).where(lte(importFeeds.nextRunAt, now)).orderBy(asc(importFeeds.nextRunAt)).limit(FEEDS_PER_CHECK).for('update', { skipLocked: true });
		for (const feed of due) {
			await tx.update(importFeeds).set({ nextRunAt: new Date(now.getTime() + feed.intervalMinutes * 60_000) }).where(eq(importFeeds.id, feed.id));
			await enqueue(tx, FEED_QUEUE, { feedId: feed.id }, { singletonKey: feed.id });
		}
		return due;
	});
	if (claimed.length) wakeLocalRunners();
	return claimed.length;
}

/** The queue of feed runs: `{ feedId }`. A run records its own failures on the feed (no retry needed). */
export const FEED_QUEUE = 'import.feed';

export function feedJobHandler(app: Deps): JobHandler {
	return {
		run: async (payload) => {
			const [feed] = await app.db.select().from(importFeeds).where(eq(importFeeds.id, String(payload.feedId)));
			// Unsubscribed meanwhile: nothing to do.
			if (feed) await runFeed(app, feed);
		}
	};
}

/**
 * Fetches and imports the feed with the rights of the person who subscribed (who must still be
 * allowed to import for the organisation), then archives the activities of records the source no
 * longer has. A failed fetch or an unreadable answer is recorded on the feed and archives nothing:
 * a source that is down for a day must not empty the organisation's catalogue.
 */
export async function runFeed(app: Deps, feed: FeedRow): Promise<FeedRow> {
	const now = app.now();
	const nextRunAt = new Date(now.getTime() + feed.intervalMinutes * 60_000);
	try {
		const actor = await feedActor(app, feed);
		const run = await runImport(app, actor, { organisationId: feed.organisationId, format: feed.format as 'auto', url: feed.url, dryRun: false, publish: feed.publish, feedId: feed.id });
		const seen = [...new Set(run.items.map((item) => item.sourceId))];
		const archived = await archiveRemoved(app, feed, run.format, seen, now);
		if (archived.length) {
			await app.db.update(importRuns).set({ items: [...run.items, ...archived] }).where(eq(importRuns.id, run.id));
		}
		const [saved] = await app.db.update(importFeeds).set({ lastRunAt: now, lastRunId: run.id, lastError: null, sourceIds: seen, nextRunAt }).where(eq(importFeeds.id, feed.id)).returning();
		return saved ?? feed;
	} catch (error) {
		if (!(error instanceof AppError)) app.logger.error({ err: error, feedId: feed.id }, 'running an import feed failed');
		const message = error instanceof AppError ? error.message : 'The feed could not be imported.';
		const [saved] = await app.db.update(importFeeds).set({ lastRunAt: now, lastError: message, nextRunAt }).where(eq(importFeeds.id, feed.id)).returning();
		return saved ?? feed;
	}
}

async function feedActor(app: Pick<Deps, 'db'>, feed: FeedRow) {
	const [user] = feed.createdBy ? await app.db.select().from(users).where(eq(users.id, feed.createdBy)) : [];
	if (!user) throw invalidState('The person who subscribed to this feed no longer has an account: subscribe again.');
	const actor = await loadActor(app.db, toActorUser(user), 'session');
	const membership = actor.memberships.get(feed.organisationId);
	if (!membership) throw invalidState('The person who subscribed to this feed is no longer a member of the organisation: subscribe again.');
	return actor;
}

/** Archives what this feed created from records the source has dropped since its last run. */
async function archiveRemoved(app: Pick<Deps, 'db'>, feed: FeedRow, format: string, seen: string[], now: Date): Promise<ImportRunItem[]> {
	const present = new Set(seen);
	const removed = feed.sourceIds.filter((id) => !present.has(id));
	if (removed.length === 0) return [];
	const rows = await app.db
		.update(activities)
		.set({ status: 'archived', updatedAt: now })
		.where(and(eq(activities.organisationId, feed.organisationId), eq(activities.sourceFormat, format), inArray(activities.sourceId, removed), ne(activities.status, 'archived')))
		.returning({ id: activities.id, sourceId: activities.sourceId, title: activities.title });
	return rows.map((row) => ({ sourceId: row.sourceId ?? '', title: Object.values(row.title)[0] ?? '', action: 'archive' as const, reason: 'removed at the source', activityId: row.id, status: 'archived' }));
}
