import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database';
import { activities, activitySessions } from '../activities/schema';
import type { ImportRunItem } from './schema';
import type { ImportFormat, ImportRecord, RecordError } from './record';
import { mapRecord, type MappedRecord } from './mapping';
import { afterEditorSave } from '../translation/state';
import type { TranslationStates } from '../activities/schema';

/**
 * What an import does with each record, decided before anything is written (a preview shows exactly
 * this): create a draft, update the activity an earlier import made from the same source record,
 * skip it (unchanged, archived here, or twice in the file), or report why it cannot be used.
 */
export interface PlannedRecord {
	record: ImportRecord;
	action: ImportRunItem['action'];
	reason?: string;
	mapped?: MappedRecord;
	existing?: ExistingActivity;
	/** For an update: the columns to set (see `updateColumns`). */
	changes?: ReturnType<typeof updateColumns>;
	/** For an update that brings the source's own text for a machine-drafted locale: the records left. */
	translations?: TranslationStates;
}

type ExistingActivity = ExistingColumns & { sessions: { startsAt: Date; endsAt: Date }[] };
type ExistingColumns = Pick<
	typeof activities.$inferSelect,
	'id' | 'status' | 'sourceId' | 'title' | 'description' | 'mode' | 'startsAt' | 'endsAt' | 'alwaysOpen' | 'locationAddress' | 'lat' | 'lon' | 'onlineUrl' | 'languages' | 'ageMin' | 'ageMax' | 'capacity' | 'priceAmount' | 'priceCurrency' | 'sourceUrl' | 'translations'
>;

const LOOKUP_CHUNK = 1000;

async function existingBySource(db: Db, organisationId: string, format: ImportFormat, sourceIds: string[]) {
	const found = new Map<string, ExistingActivity>();
	for (let i = 0; i < sourceIds.length; i += LOOKUP_CHUNK) {
		const byId = new Map<string, ExistingActivity>();
		const rows = await db
			.select({
				id: activities.id,
				status: activities.status,
				sourceId: activities.sourceId,
				title: activities.title,
				description: activities.description,
				mode: activities.mode,
				startsAt: activities.startsAt,
				endsAt: activities.endsAt,
				alwaysOpen: activities.alwaysOpen,
				locationAddress: activities.locationAddress,
				lat: activities.lat,
				lon: activities.lon,
				onlineUrl: activities.onlineUrl,
				languages: activities.languages,
				ageMin: activities.ageMin,
				ageMax: activities.ageMax,
				capacity: activities.capacity,
				priceAmount: activities.priceAmount,
				priceCurrency: activities.priceCurrency,
				sourceUrl: activities.sourceUrl,
				translations: activities.translations
			})
			.from(activities)
			.where(and(eq(activities.organisationId, organisationId), eq(activities.sourceFormat, format), inArray(activities.sourceId, sourceIds.slice(i, i + LOOKUP_CHUNK))));
		for (const row of rows) {
			const existing = { ...row, sessions: [] };
			found.set(row.sourceId!, existing);
			byId.set(row.id, existing);
		}
		// The dates of a series matter too: an occurrence moved inside it changes neither end.
		if (byId.size) {
			const sessions = await db
				.select({ activityId: activitySessions.activityId, startsAt: activitySessions.startsAt, endsAt: activitySessions.endsAt })
				.from(activitySessions)
				.where(inArray(activitySessions.activityId, [...byId.keys()]))
				.orderBy(asc(activitySessions.startsAt));
			for (const session of sessions) byId.get(session.activityId)?.sessions.push(session);
		}
	}
	return found;
}

/**
 * The columns an update sets: what the source says, never wiping what the source leaves empty (an
 * organiser who added the map coordinates keeps them when the feed is read again).
 */
export function updateColumns(mapped: MappedRecord, existing: ExistingActivity) {
	const c = mapped.columns;
	return {
		title: { ...existing.title, ...c.title },
		description: { ...existing.description, ...c.description },
		mode: c.mode,
		startsAt: c.startsAt ?? existing.startsAt,
		endsAt: c.endsAt ?? existing.endsAt,
		alwaysOpen: c.alwaysOpen && !c.startsAt ? !existing.startsAt : c.alwaysOpen,
		locationAddress: c.locationAddress ?? existing.locationAddress,
		lat: c.lat ?? existing.lat,
		lon: c.lon ?? existing.lon,
		onlineUrl: c.onlineUrl ?? existing.onlineUrl,
		languages: c.languages,
		ageMin: c.ageMin ?? existing.ageMin,
		ageMax: c.ageMax ?? existing.ageMax,
		capacity: c.capacity ?? existing.capacity,
		priceAmount: c.priceAmount ?? existing.priceAmount,
		priceCurrency: c.priceCurrency ?? existing.priceCurrency,
		sourceUrl: c.sourceUrl ?? existing.sourceUrl
	};
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a instanceof Date ? a.toISOString() : a) === JSON.stringify(b instanceof Date ? b.toISOString() : b);

function unchanged(next: ReturnType<typeof updateColumns>, mapped: MappedRecord, existing: ExistingActivity): boolean {
	const sameSessions = mapped.sessions.length === 0 || sameValue(mapped.sessions, existing.sessions.map(({ startsAt, endsAt }) => ({ startsAt, endsAt })));
	return sameSessions && (Object.keys(next) as (keyof typeof next)[]).every((key) => sameValue(next[key], existing[key]));
}

/**
 * Plans records. `seen` carries the source ids met so far when a file is planned a part at a time, so
 * that a record repeated in a later part is still skipped as a duplicate.
 */
export async function planImport(
	db: Db,
	organisationId: string,
	format: ImportFormat,
	records: ImportRecord[],
	defaultLocale: string,
	seen = new Set<string>()
): Promise<{ planned: PlannedRecord[]; errors: RecordError[] }> {
	const existing = await existingBySource(db, organisationId, format, [...new Set(records.map((r) => r.sourceId))]);
	const errors: RecordError[] = [];
	const planned = records.map((record): PlannedRecord => {
		const label = recordLabel(record);
		if (seen.has(record.sourceId)) return { record, action: 'skip', reason: 'duplicate_in_file' };
		seen.add(record.sourceId);
		const { mapped, problems } = mapRecord(record, defaultLocale);
		if (!mapped) {
			const message = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
			errors.push({ record: label, message });
			return { record, action: 'error', reason: message };
		}
		const found = existing.get(record.sourceId);
		if (!found) return { record, action: 'create', mapped };
		if (found.status === 'archived') return { record, action: 'skip', reason: 'archived', mapped, existing: found };
		const changes = updateColumns(mapped, found);
		if (unchanged(changes, mapped, found)) return { record, action: 'skip', reason: 'unchanged', mapped, existing: found };
		// Text the source itself gives for a locale replaces a machine draft there: it is no draft any more.
		const translations = afterEditorSave({ ...found, imageAlt: {}, badge: null }, { title: changes.title, description: changes.description });
		return { record, action: 'update', mapped, existing: found, changes, ...(translations ? { translations } : {}) };
	});
	return { planned, errors };
}

export function recordLabel(record: ImportRecord): string {
	const title = Object.values(record.title)[0] ?? '';
	return title ? `${record.sourceId} (${title.slice(0, 80)})` : record.sourceId;
}
