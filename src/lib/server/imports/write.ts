import { eq } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Tx } from '../db/database';
import { activities, activitySessions } from '../activities/schema';
import { describeBadge, frameworksOf } from '../activities/rules';
import { criteriaText } from '../activities/service';
import { skillSuggester } from './skills';
import type { ImportFormat, ImportRecord, RecordError } from './record';
import type { ImportRunItem } from './schema';
import { planImport, type PlannedRecord } from './plan';

/** Rows per transaction: a crash loses at most one chunk's work, and re-running finds what was written (the source key is unique). */
const CHUNK = 200;
/** Records planned at a time when applying: only this many mapped activities are held at once. */
const PLAN_CHUNK = 1000;

export interface WriteContext {
	cityId: string;
	organisationId: string;
	format: ImportFormat;
	userId: string;
	/** Frameworks the city uses: skills outside them are dropped, suggestions come from them. */
	frameworkIds: string[];
	/** Publish complete records; `review` sends them to the city's review instead. */
	publish: false | 'publish' | 'review';
	now: Date;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs inside each chunk's transaction: a background run records the chunk's items and progress there, so both commit together. */
export type ChunkWritten = (tx: Tx, items: ImportRunItem[]) => Promise<void>;

/** Writes the planned creates and updates; returns one item per record with the activity it became. */
export async function writePlan(app: Pick<AppContext, 'db' | 'frameworks'>, planned: PlannedRecord[], ctx: WriteContext, onChunk?: ChunkWritten): Promise<ImportRunItem[]> {
	const all: ImportRunItem[] = [];
	const suggest = skillSuggester(app.frameworks, ctx.frameworkIds);
	const skillsOf = (record: PlannedRecord['record']) =>
		[...new Set(record.skills)].filter((id) => {
			const item = app.frameworks.item(id);
			return item && app.frameworks.isSelectable(item) && ctx.frameworkIds.includes(item.frameworkId);
		});
	for (let start = 0; start < planned.length; start += CHUNK) {
		const chunk = planned.slice(start, start + CHUNK);
		const items: ImportRunItem[] = [];
		await app.db.transaction(async (tx) => {
			const creates = chunk.filter((p) => p.action === 'create' && p.mapped);
			const statusOf = (p: PlannedRecord): 'draft' | 'published' | 'in_review' => (ctx.publish && p.mapped!.missing.length === 0 ? (ctx.publish === 'publish' ? 'published' : 'in_review') : 'draft');
			if (creates.length) {
				const rows = await tx
					.insert(activities)
					.values(
						creates.map((p) => {
							const skills = skillsOf(p.record);
							const status = statusOf(p);
							return {
								...p.mapped!.columns,
								cityId: ctx.cityId,
								organisationId: ctx.organisationId,
								skills,
								frameworks: frameworksOf(skills),
								suggestedSkills: suggest(p.record.keywords).filter((id) => !skills.includes(id)),
								badge: describeBadge(undefined, p.mapped!.columns, criteriaText),
								status,
								publishedAt: status === 'published' ? ctx.now : null,
								submittedAt: status === 'in_review' ? ctx.now : null,
								sourceFormat: ctx.format,
								sourceId: p.record.sourceId,
								importedAt: ctx.now,
								createdBy: ctx.userId
							};
						})
					)
					// A re-run after a crash meets what the first run wrote: those rows are left as they are.
					.onConflictDoNothing()
					.returning({ id: activities.id, sourceId: activities.sourceId, status: activities.status });
				const bySource = new Map(rows.map((row) => [row.sourceId!, row]));
				const sessionRows = creates.flatMap((p) => {
					const row = bySource.get(p.record.sourceId);
					return row ? p.mapped!.sessions.map((s) => ({ ...s, activityId: row.id, cityId: ctx.cityId })) : [];
				});
				if (sessionRows.length) await tx.insert(activitySessions).values(sessionRows);
				for (const p of creates) {
					const row = bySource.get(p.record.sourceId);
					items.push(row ? { sourceId: p.record.sourceId, title: Object.values(p.mapped!.columns.title)[0] ?? '', action: 'create', activityId: row.id, status: row.status, ...(p.mapped!.missing.length ? { reason: p.mapped!.missing.map((m) => m.path).join(', ') } : {}) } : { sourceId: p.record.sourceId, title: Object.values(p.mapped!.columns.title)[0] ?? '', action: 'skip', reason: 'created_meanwhile' });
				}
			}
			for (const p of chunk.filter((p) => p.action === 'update' && p.mapped && p.existing)) {
				const existing = p.existing!;
				const skills = skillsOf(p.record);
				const publishNow = existing.status === 'draft' && ctx.publish && p.mapped!.missing.length === 0;
				await tx
					.update(activities)
					.set({
						...p.changes!,
						...(p.translations ? { translations: p.translations } : {}),
						...(skills.length ? { skills, frameworks: frameworksOf(skills) } : {}),
						importedAt: ctx.now,
						...(publishNow ? (ctx.publish === 'publish' ? { status: 'published' as const, publishedAt: ctx.now } : { status: 'in_review' as const, submittedAt: ctx.now }) : {})
					})
					.where(eq(activities.id, existing.id));
				if (p.mapped!.sessions.length) {
					await tx.delete(activitySessions).where(eq(activitySessions.activityId, existing.id));
					await tx.insert(activitySessions).values(p.mapped!.sessions.map((s) => ({ ...s, activityId: existing.id, cityId: ctx.cityId })));
				}
				items.push({ sourceId: p.record.sourceId, title: Object.values(p.mapped!.columns.title)[0] ?? '', action: 'update', activityId: existing.id, status: publishNow ? (ctx.publish === 'publish' ? 'published' : 'in_review') : existing.status });
			}
			for (const p of chunk.filter((p) => p.action === 'skip' || p.action === 'error')) {
				items.push({ sourceId: p.record.sourceId, title: Object.values(p.record.title)[0] ?? '', action: p.action, ...(p.reason ? { reason: p.reason } : {}), ...(p.existing ? { activityId: p.existing.id, status: p.existing.status } : {}) });
			}
			if (onChunk) await onChunk(tx, items);
		});
		all.push(...items);
		// Parsing and mapping ran synchronously; let other requests in between chunks.
		await yieldToEventLoop();
	}
	return all;
}

/**
 * Applies records a part at a time: plans a part (looking up what earlier imports made from it), writes
 * it, and lets its mapped activities go before the next, so that a 10,000-row file does not hold
 * 10,000 mapped activities and their lookups at once. A preview plans everything, as it shows it all.
 */
export async function planAndWrite(
	app: Pick<AppContext, 'db' | 'frameworks'>,
	records: ImportRecord[],
	locale: string,
	ctx: WriteContext,
	onChunk?: ChunkWritten
): Promise<{ items: ImportRunItem[]; errors: RecordError[] }> {
	const seen = new Set<string>();
	const items: ImportRunItem[] = [];
	const errors: RecordError[] = [];
	for (let start = 0; start < records.length; start += PLAN_CHUNK) {
		const part = await planImport(app.db, ctx.organisationId, ctx.format, records.slice(start, start + PLAN_CHUNK), locale, seen);
		errors.push(...part.errors);
		items.push(...(await writePlan(app, part.planned, ctx, onChunk)));
	}
	return { items, errors };
}
