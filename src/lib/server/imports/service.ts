import { and, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, can, requireUser } from '../policies/policies';
import { AppError, invalidState, notFound, validationFailed } from '../http/errors';
import { fetchPublic } from '../http/public-fetch';
import { isValidTimeZone } from '../shared/schemas';
import { recordAudit } from '../platform/audit';
import { enforceRateLimit } from '../ratelimit/rate-limiter';
import { findOrganisationScope } from '../organisations/queries';
import { findCityById, type CityRow } from '../cities/queries';
import { frameworksOfCity } from '../frameworks/city-frameworks';
import { decodeBytes, detectFormat, parseImport } from './parse';
import { skillMatcher } from './skills';
import { csvHeaders } from './formats/csv-mapping';
import { planImport } from './plan';
import { planAndWrite } from './write';
import { importRuns, type ImportReadOptions, type ImportRunItem } from './schema';
import { IMPORT_MAX_BYTES, type ImportInput } from './schemas';
import { CSV_FIELDS, type ImportFormat, type RecordError } from './record';
import { enqueue } from '../jobs/queue';
import { wakeLocalRunners } from '../jobs/runner';

/** The queue of background imports (see background.ts). */
export const IMPORT_QUEUE = 'import.apply';

type Deps = Pick<AppContext, 'db' | 'frameworks' | 'now' | 'config'>;
export type ImportRunRow = typeof importRuns.$inferSelect;

async function importScope(app: Deps, actor: Actor, organisationId: string) {
	const org = await findOrganisationScope(app.db, organisationId);
	if (!org) throw validationFailed([{ path: 'organisationId', code: 'unknown_organisation', message: 'There is no such organisation.' }]);
	authorize(actor, 'activity.create', { cityId: org.cityId, organisationId: org.id });
	if (org.status !== 'approved') throw invalidState('Only an approved organisation can import activities.');
	const city = (await findCityById(app.db, org.cityId))!;
	return { org, city };
}

/** The bytes to import: what was sent, or what the URL answers (public addresses only, bounded). */
export async function readSource(input: { content?: string | Uint8Array | undefined; url?: string | undefined }): Promise<Buffer> {
	if (input.content !== undefined) {
		const bytes = typeof input.content === 'string' ? Buffer.from(input.content, 'utf8') : Buffer.from(input.content);
		if (bytes.byteLength > IMPORT_MAX_BYTES) throw new AppError('payload_too_large', 'Imports are limited to 10 MB.');
		return bytes;
	}
	const fetched = await fetchPublic(input.url!, { maxBytes: IMPORT_MAX_BYTES, timeoutMs: 20_000, accept: 'text/calendar, application/ld+json, application/json, text/csv, text/html, application/xml;q=0.9, */*;q=0.5' });
	return fetched.body;
}

/**
 * Reads, parses and plans an import; a dry run stops there and keeps the content, and the options it
 * was read with, for applying the preview exactly as it was seen. A file nothing can be read from is
 * refused (422) and changes nothing.
 */
export async function runImport(
	app: Deps,
	actor: Actor,
	input: Omit<ImportInput, 'content' | 'background'> & { content?: string | Uint8Array | undefined; feedId?: string; background?: boolean | undefined; keepUnmapped?: boolean }
) {
	const user = requireUser(actor);
	const { org, city } = await importScope(app, actor, input.organisationId);
	// Each import reads and parses up to 10 MB, possibly fetched from elsewhere: bounded per person.
	// A subscribed feed's scheduled run is not someone clicking; its interval (15 min or more) bounds it.
	if (!input.feedId) await enforceRateLimit(app.db, [`import:user:${user.user.id}`], app.config.rateLimits.import);
	if (input.timezone && !isValidTimeZone(input.timezone)) throw validationFailed([{ path: 'timezone', code: 'timezone', message: 'Unknown time zone.' }]);
	const bytes = await readSource(input);
	// Detected on the whole text, decoded as the parser will decode it; a URL's path names the file.
	const filename = input.filename ?? (input.url ? new URL(input.url).pathname : null);
	const format = input.format === 'auto' ? detectFormat(decodeBytes(bytes), filename) : input.format;
	if (!format) {
		throw new AppError('import_unreadable', 'The format of this file could not be recognised: choose it.', [{ record: input.filename ?? 'file', message: 'unknown format' }]);
	}
	const readWith: ImportReadOptions = {
		locale: input.locale ?? city.defaultLocale,
		timezone: input.timezone ?? city.timezone,
		...(input.csvMapping ? { csvMapping: input.csvMapping } : {}),
		...(input.dateOrder ? { dateOrder: input.dateOrder } : {})
	};
	const [run] = await app.db
		.insert(importRuns)
		.values({
			cityId: org.cityId,
			organisationId: org.id,
			createdBy: user.user.id,
			format,
			filename: input.filename ?? null,
			sourceUrl: input.url ?? null,
			status: 'previewed',
			publish: input.publish,
			feedId: input.feedId ?? null,
			readWith,
			// Only a preview needs the bytes later.
			content: input.dryRun ? bytes : null
		})
		.returning();
	return executeRun(app, actor, run!, bytes, city, { dryRun: input.dryRun, publish: input.publish, select: input.select, background: input.background, keepUnmapped: input.keepUnmapped });
}

/**
 * Reads a spreadsheet preview again with the columns the organiser chose (and, if given, how its dates
 * are written). The new preview replaces the old one, which was never applied.
 */
export async function rereadCsvPreview(app: Deps, actor: Actor, runId: string, options: { csvMapping: Record<string, string>; dateOrder?: 'dmy' | 'mdy' | undefined }) {
	const run = await findRun(app, actor, runId);
	if (run.status !== 'previewed' || !run.content) throw invalidState('This import was already applied.');
	if (run.format !== 'csv') throw invalidState('Only a spreadsheet (CSV) preview has columns to choose.');
	const fresh = await runImport(app, actor, {
		organisationId: run.organisationId,
		format: 'csv',
		content: run.content,
		...(run.filename ? { filename: run.filename } : {}),
		...(run.sourceUrl ? { url: run.sourceUrl } : {}),
		// Read as the first preview was: its language and zone came from the request or the city.
		locale: run.readWith.locale as ImportInput['locale'],
		timezone: run.readWith.timezone,
		csvMapping: options.csvMapping,
		...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
		dryRun: true,
		publish: false,
		keepUnmapped: true
	});
	await app.db.delete(importRuns).where(and(eq(importRuns.id, run.id), eq(importRuns.status, 'previewed')));
	return fresh;
}

/** Applies a preview as it was seen: the content and read options kept with it. */
export async function applyRun(app: Deps, actor: Actor, runId: string, options: { publish: boolean; select?: string[] | undefined; background?: boolean | undefined }) {
	const run = await findRun(app, actor, runId);
	if (run.status !== 'previewed' || !run.content) throw invalidState('This import was already applied.');
	const city = (await findCityById(app.db, run.cityId))!;
	return executeRun(app, actor, run, run.content, city, { dryRun: false, publish: options.publish, select: options.select, background: options.background });
}

/** Parses a run's content as it was read, and keeps the selected records. */
export function readRecords(app: Pick<Deps, 'frameworks'>, run: ImportRunRow, content: Uint8Array, select?: string[] | undefined) {
	const format = run.format as ImportFormat;
	const { locale, timezone, csvMapping, dateOrder } = run.readWith;
	const mapping = csvMapping ? Object.fromEntries(Object.entries(csvMapping).filter(([field]) => (CSV_FIELDS as readonly string[]).includes(field))) : undefined;
	const parsed = parseImport(format, content, { defaultLocale: locale, defaultTimeZone: timezone, skillFor: skillMatcher(app.frameworks), ...(mapping ? { csvMapping: mapping } : {}), ...(dateOrder ? { dateOrder } : {}) });
	const selected = select ? new Set(select) : undefined;
	const records = selected ? parsed.records.filter((record) => selected.has(record.sourceId)) : parsed.records;
	return { format, locale, parsed, records };
}

/** Publish, send to the city's review, or leave drafts: what the importing person may do. */
export function publishMode(actor: Actor, city: CityRow, publish: boolean): false | 'publish' | 'review' {
	return !publish ? false : city.moderateActivities && !can(actor, 'activity.moderate', { cityId: city.id }) ? 'review' : 'publish';
}

async function executeRun(
	app: Deps,
	actor: Actor,
	run: ImportRunRow,
	content: Uint8Array,
	city: CityRow,
	options: { dryRun: boolean; publish: boolean; select?: string[] | undefined; background?: boolean | undefined; keepUnmapped?: boolean | undefined }
) {
	const user = requireUser(actor);
	const { format, locale, parsed, records } = readRecords(app, run, content, options.select);
	// On the import page, a spreadsheet whose columns were not recognised stays a preview with its
	// problems, so the organiser can say which column is which instead of uploading it again.
	if (parsed.records.length === 0 && options.dryRun && options.keepUnmapped && format === 'csv' && csvHeaders(decodeBytes(content)).length >= 2) {
		const [kept] = await app.db
			.update(importRuns)
			.set({ errors: parsed.errors.slice(0, 1000), warnings: (parsed.warnings ?? []).slice(0, 1000), items: [], total: 0 })
			.where(eq(importRuns.id, run.id))
			.returning();
		return kept!;
	}
	if (parsed.records.length === 0) {
		await app.db.update(importRuns).set({ status: 'failed', content: null, errors: parsed.errors.slice(0, 500) }).where(eq(importRuns.id, run.id));
		throw new AppError('import_unreadable', parsed.errors[0]?.message ?? 'No learning opportunities were found in this file.', parsed.errors.slice(0, 100));
	}
	if (options.background && !options.dryRun) return queueRun(app, run, content, { publish: options.publish, select: options.select, total: records.length });
	let items: ImportRunItem[];
	let errors: RecordError[];
	if (options.dryRun) {
		const { planned, errors: planErrors } = await planImport(app.db, run.organisationId, format, records, locale);
		errors = planErrors;
		items = planned.map((p) => ({
			sourceId: p.record.sourceId,
			title: Object.values(p.mapped?.columns.title ?? p.record.title)[0] ?? '',
			action: p.action,
			...(p.reason ? { reason: p.reason } : p.mapped?.missing.length ? { reason: p.mapped.missing.map((m) => m.path).join(', ') } : {}),
			...(p.existing ? { activityId: p.existing.id, status: p.existing.status } : {})
		}));
	} else {
		const frameworkIds = await frameworksOfCity(app.db, app.frameworks, run.cityId);
		({ items, errors } = await planAndWrite(app, records, locale, { cityId: run.cityId, organisationId: run.organisationId, format, userId: user.user.id, frameworkIds, publish: publishMode(actor, city, options.publish), now: app.now() }));
	}
	const allErrors = [...parsed.errors, ...errors];
	const count = (action: ImportRunItem['action']) => items.filter((item) => item.action === action).length;
	const [saved] = await app.db
		.update(importRuns)
		.set({
			status: options.dryRun ? 'previewed' : 'applied',
			publish: options.publish,
			// The preview keeps what it read, to be applied as seen; applying clears it.
			...(options.dryRun ? {} : { content: null, appliedAt: app.now() }),
			created: count('create'),
			updated: count('update'),
			skipped: count('skip'),
			total: items.length,
			processed: options.dryRun ? 0 : items.length,
			errors: allErrors.slice(0, 1000),
			warnings: (parsed.warnings ?? []).slice(0, 1000),
			items
		})
		.where(eq(importRuns.id, run.id))
		.returning();
	if (!options.dryRun) {
		await recordAudit(app.db, { cityId: run.cityId, actorId: user.user.id, action: 'import.apply', targetType: 'organisation', targetId: run.organisationId, data: { importId: run.id, format, created: saved!.created, updated: saved!.updated, skipped: saved!.skipped, errors: allErrors.length } });
	}
	return saved!;
}

/**
 * Hands the run to a background job: the run becomes `queued` (keeping its content) and the job is
 * added in the same transaction, so there is a job if and only if the run says it is queued. Only a
 * preview (or a fresh run) can be queued, once.
 */
async function queueRun(app: Deps, run: ImportRunRow, content: Uint8Array, options: { publish: boolean; select?: string[] | undefined; total: number }) {
	const saved = await app.db.transaction(async (tx) => {
		const [row] = await tx
			.update(importRuns)
			.set({ status: 'queued', publish: options.publish, content: Buffer.from(content), total: options.total, processed: 0, items: [] })
			.where(and(eq(importRuns.id, run.id), eq(importRuns.status, 'previewed')))
			.returning();
		if (!row) throw invalidState('This import was already applied.');
		await enqueue(tx, IMPORT_QUEUE, { runId: run.id, ...(options.select ? { select: options.select } : {}) }, { singletonKey: run.id });
		return row;
	});
	wakeLocalRunners();
	return saved;
}

/** A run, for those who may import for its organisation. */
export async function findRun(app: Pick<Deps, 'db'>, actor: Actor, runId: string): Promise<ImportRunRow> {
	const [run] = await app.db.select().from(importRuns).where(eq(importRuns.id, runId));
	if (!run) throw notFound('Import');
	authorize(actor, 'activity.create', { cityId: run.cityId, organisationId: run.organisationId });
	return run;
}

export async function listRuns(app: Pick<Deps, 'db'>, actor: Actor, organisationId: string, limit = 20) {
	const org = await findOrganisationScope(app.db, organisationId);
	if (!org) throw notFound('Organisation');
	authorize(actor, 'activity.create', { cityId: org.cityId, organisationId: org.id });
	return app.db
		.select()
		.from(importRuns)
		.where(and(eq(importRuns.organisationId, organisationId)))
		.orderBy(desc(importRuns.createdAt))
		.limit(limit);
}
