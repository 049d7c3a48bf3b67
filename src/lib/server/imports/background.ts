import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import { users } from '../accounts/schema';
import { loadActor } from '../auth/actor';
import { toActorUser } from '../auth/resolve-actor';
import { can } from '../policies/policies';
import { AppError } from '../http/errors';
import { recordAudit } from '../platform/audit';
import { findCityById } from '../cities/queries';
import { frameworksOfCity } from '../frameworks/city-frameworks';
import type { JobHandler } from '../jobs/runner';
import { planAndWrite } from './write';
import { importRuns, type ImportRunItem } from './schema';
import { publishMode, readRecords, type ImportRunRow } from './service';

type Deps = Pick<AppContext, 'db' | 'frameworks' | 'now' | 'logger'>;

/** A reason to stop that trying again will not change: the run is marked failed at once. */
class RunRefused extends Error {}

/**
 * Applies a queued import run. Each chunk of records is written in one transaction together with the
 * chunk's items and the run's `processed` count, so after a crash the next attempt skips the records
 * the run already holds and writes the rest: nothing twice, nothing lost (and the source key is unique
 * besides). A run already applied or failed is left alone, which makes the job idempotent.
 */
export async function applyQueuedRun(app: Deps, runId: string, select: string[] | undefined): Promise<void> {
	const [run] = await app.db.select().from(importRuns).where(eq(importRuns.id, runId));
	if (!run || run.status === 'applied' || run.status === 'failed') return;
	try {
		await applyRemaining(app, run, select);
	} catch (error) {
		if (!(error instanceof RunRefused || error instanceof AppError)) throw error;
		await markFailed(app, runId, error.message);
	}
}

async function applyRemaining(app: Deps, run: ImportRunRow, select: string[] | undefined) {
	if (!run.content) throw new RunRefused('The content of this import is gone.');
	const actor = await importerOf(app, run);
	const city = (await findCityById(app.db, run.cityId))!;
	await app.db.update(importRuns).set({ status: 'running' }).where(eq(importRuns.id, run.id));
	const { format, locale, parsed, records } = readRecords(app, run, run.content, select);
	if (parsed.records.length === 0) throw new RunRefused(parsed.errors[0]?.message ?? 'No learning opportunities were found in this file.');
	const done = new Set(run.items.map((item) => item.sourceId));
	const remaining = records.filter((record) => !done.has(record.sourceId));
	const frameworkIds = await frameworksOfCity(app.db, app.frameworks, run.cityId);
	const userId = actor.user.id;
	const context = { cityId: run.cityId, organisationId: run.organisationId, format, userId, frameworkIds, publish: publishMode(actor, city, run.publish), now: app.now() };
	const { errors } = await planAndWrite(app, remaining, locale, context, async (tx, items) => {
		await tx
			.update(importRuns)
			.set({ items: sql`${importRuns.items} || ${JSON.stringify(items)}::jsonb`, processed: sql`${importRuns.processed} + ${items.length}` })
			.where(eq(importRuns.id, run.id));
	});
	const [written] = await app.db.select({ items: importRuns.items }).from(importRuns).where(eq(importRuns.id, run.id));
	const items = written!.items;
	const count = (action: ImportRunItem['action']) => items.filter((item) => item.action === action).length;
	const allErrors = [...parsed.errors, ...errors];
	await app.db
		.update(importRuns)
		.set({ status: 'applied', content: null, appliedAt: app.now(), created: count('create'), updated: count('update'), skipped: count('skip'), processed: items.length, errors: allErrors.slice(0, 1000), warnings: (parsed.warnings ?? []).slice(0, 1000) })
		.where(eq(importRuns.id, run.id));
	await recordAudit(app.db, { cityId: run.cityId, actorId: userId, action: 'import.apply', targetType: 'organisation', targetId: run.organisationId, data: { importId: run.id, format, created: count('create'), updated: count('update'), skipped: count('skip'), errors: allErrors.length, background: true } });
}

/** The person who started the run, with the rights they have now (they may have left the organisation meanwhile). */
async function importerOf(app: Deps, run: ImportRunRow) {
	const [user] = run.createdBy ? await app.db.select().from(users).where(eq(users.id, run.createdBy)) : [];
	if (!user) throw new RunRefused('The person who started this import no longer has an account.');
	const actor = await loadActor(app.db, toActorUser(user), 'session');
	if (!can(actor, 'activity.create', { cityId: run.cityId, organisationId: run.organisationId })) throw new RunRefused('The person who started this import may no longer import for this organisation.');
	return actor;
}

async function markFailed(app: Pick<Deps, 'db'>, runId: string, message: string) {
	await app.db.update(importRuns).set({ status: 'failed', content: null, message: message.slice(0, 500) }).where(eq(importRuns.id, runId));
}

/** The job: `{ runId, select? }`. After its last attempt the run is marked failed with the error. */
export function importJobHandler(app: Deps): JobHandler {
	return {
		run: (payload) => applyQueuedRun(app, String(payload.runId), Array.isArray(payload.select) ? payload.select.map(String) : undefined),
		onDead: (payload, message) => markFailed(app, String(payload.runId), `The import stopped with an error: ${message}`)
	};
}
