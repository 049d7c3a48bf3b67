import { loadConfig } from '../config/config';
import { createLogger } from '../logging/logger';
import { createAppContext, type AppContext } from './context';
import { ensurePlatformAdmin, issueSetupToken, platformAdminCount } from './bootstrap';
import { pruneRateLimits } from '../ratelimit/rate-limiter';
import { sendDueReminders } from '../enrolments/reminders';
import { AWARD_BATCH_QUEUE, awardBatchJobHandler, resumeAwardBatches } from '../credentials/bulk';
import { resumePlaylistBadges } from '../playlists/badge';
import { pruneExpiredGrants } from '../ob3api/tokens';
import { FEED_QUEUE, feedJobHandler, runDueFeeds } from '../imports/feeds';
import { importJobHandler } from '../imports/background';
import { IMPORT_QUEUE } from '../imports/service';
import { pruneJobs, releaseOrphans } from '../jobs/queue';
import { startJobRunner } from '../jobs/runner';
import { MAIL_QUEUE, mailJobHandler } from '../mail/mailer';
import { publicDataChanged, sharePublicCache } from '../http/public-cache';

/**
 * The one AppContext of the server process. SvelteKit's `init` hook starts it before the first request;
 * `sveltekit:shutdown` (sent by server.js on SIGTERM/SIGINT) closes the database, which PGlite needs
 * to let the process exit. It is kept on globalThis because the dev server re-imports changed server
 * modules: a second context would open the same PGlite directory twice in one process.
 */
const KEY = Symbol.for('cities-of-learning.app');
const holder = globalThis as typeof globalThis & { [KEY]?: Promise<AppContext> };

export function startApp(): Promise<AppContext> {
	holder[KEY] ??= boot();
	return holder[KEY];
}

export function getApp(): Promise<AppContext> {
	return startApp();
}

async function boot(): Promise<AppContext> {
	const config = loadConfig();
	const logger = createLogger(config.logLevel);
	const app = await createAppContext(config, logger);
	process.once('sveltekit:shutdown' as 'exit', () => {
		void app.database.close().catch((error: unknown) => logger.error({ err: error }, 'closing the database failed'));
	});
	if (config.admin) {
		const result = await ensurePlatformAdmin(app, { ...config.admin, name: 'Platform admin' });
		logger.info({ email: config.admin.email, created: result.created }, 'platform admin from ADMIN_EMAIL is ready');
	}
	// With several server processes (SERVER_PROCESSES) the first announces the start: one setup link,
	// since each new token replaces the last.
	const announces = (process.env.SERVER_PROCESS ?? '1') === '1';
	const lines = [`Cities of Learning is running at ${config.publicUrl}/ (database: ${app.database.engine})`];
	if (announces && (await platformAdminCount(app.db)) === 0) {
		const token = await issueSetupToken(app.db);
		lines.push(
			'No platform admin exists yet. Create the first one:',
			`  - in the browser: ${config.publicUrl}/setup?token=${token}`,
			'  - or on the command line: npm run cli -- create-admin --email you@example.org --name "Your Name"',
			'  - or start with ADMIN_EMAIL and ADMIN_PASSWORD set.'
		);
	}
	if (announces) console.log(lines.join('\n'));
	setInterval(() => void Promise.all([pruneRateLimits(app.db), pruneExpiredGrants(app.db), pruneJobs(app.db)]).catch(() => {}), 3_600_000).unref();
	// The embedded database has one process (the data-directory lock): what is still active is an orphan.
	if (app.database.engine === 'pglite') {
		const released = await releaseOrphans(app.db);
		if (released) logger.info({ released }, 'jobs of a stopped process are queued again');
	}
	// Bulk awards a stopped process left half done carry on (each award is idempotent); batches from
	// before the jobs table get their job first, so the runner's first poll finds them.
	await resumeAwardBatches(app).catch((error: unknown) => logger.error({ err: error }, 'resuming bulk awards failed'));
	sharePublicCache(app.database);
	const handlers = {
		[IMPORT_QUEUE]: importJobHandler(app),
		[AWARD_BATCH_QUEUE]: awardBatchJobHandler(app),
		[FEED_QUEUE]: feedJobHandler(app),
		...(config.smtp ? { [MAIL_QUEUE]: mailJobHandler({ smtp: config.smtp, from: config.mailFrom, logger }) } : {})
	};
	const runner = startJobRunner({ ...app, onJobDone: publicDataChanged }, handlers, config.jobs);
	process.once('sveltekit:shutdown' as 'exit', () => runner.stop());
	const remind = () =>
		sendDueReminders(app).catch((error: unknown) => logger.error({ err: error }, 'sending activity reminders failed'));
	setInterval(() => void remind(), config.reminderIntervalSeconds * 1000).unref();
	const fetchFeeds = () => runDueFeeds(app).catch((error: unknown) => logger.error({ err: error }, 'running import feeds failed'));
	setInterval(() => void fetchFeeds(), config.feedCheckSeconds * 1000).unref();
	// So do playlist badges that an award stopped half-way did not get to.
	void resumePlaylistBadges(app).catch((error: unknown) => logger.error({ err: error }, 'resuming playlist badges failed'));
	return app;
}
