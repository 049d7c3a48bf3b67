import type { ImportRecord, ParseResult, RecordError } from '../record';
import { createHash } from 'node:crypto';
import { WebUrl } from '../../shared/schemas';
import { decodeEntities, DESCRIPTION_MAX_LENGTH } from './html-to-markdown';
import { toIsoInstant } from './dates';
import { httpUrl } from './values';

/** The same limits the activity input has, so a record that comes through can become an activity. */
const TITLE_MAX = 200;
const ADDRESS_MAX = 300;
export const SESSIONS_MAX = 200;

/**
 * Collects what a parser finds: finished records, the records it could not read and the assumptions
 * it made. Each parser names its records its own way (`row 12`, `VEVENT 3 (UID ...)`, `data[4]`).
 */
export class ParseCollector {
	readonly records: ImportRecord[] = [];
	readonly errors: RecordError[] = [];
	readonly warnings: RecordError[] = [];

	/** Checks and tidies a record; one without a title becomes an error instead. */
	add(name: string, record: ImportRecord): void {
		const problem = finishRecord(record);
		if (problem) this.error(name, problem);
		else this.records.push(record);
	}

	error(record: string, message: string): void {
		this.errors.push({ record, message });
	}

	warn(record: string, message: string): void {
		this.warnings.push({ record, message });
	}

	result(emptyMessage = 'no records found'): ParseResult {
		if (this.records.length === 0 && this.errors.length === 0) this.error('file', emptyMessage);
		return { records: this.records, errors: this.errors, ...(this.warnings.length ? { warnings: this.warnings } : {}) };
	}
}

/** The result for a file that could not be read at all. */
export function unreadable(message: string): ParseResult {
	return { records: [], errors: [{ record: 'file', message }] };
}

export function emptyRecord(sourceId: string): ImportRecord {
	return { sourceId, title: {}, description: {}, languages: [], mode: 'in_person', skills: [], keywords: [] };
}

/** Text under a locale, only when there is some. */
export function setText(target: Record<string, string>, locale: string, value: string | null | undefined): void {
	const trimmed = value?.trim();
	if (trimmed && !target[locale]) target[locale] = trimmed;
}

/** Sessions from start/end pairs: sorted, without ones that end before they start, at most the activity limit. */
export function sessionsFrom(pairs: { start: Date; end: Date }[]): { startsAt: string; endsAt: string }[] {
	return pairs
		.filter((pair) => pair.end.getTime() > pair.start.getTime())
		.sort((a, b) => a.start.getTime() - b.start.getTime())
		.slice(0, SESSIONS_MAX)
		.map((pair) => ({ startsAt: toIsoInstant(pair.start), endsAt: toIsoInstant(pair.end) }));
}

const SOURCE_ID_MAX = 200;
const PRICE_MAX = 100_000;

/** A link the activity accepts (http(s) on a named host, the API's rule), else none. */
function activityUrl(raw: string): string | null {
	const url = httpUrl(raw);
	return url && WebUrl.safeParse(url).success ? url : null;
}

/** Tidies a record in place; returns what is wrong with it when it cannot be used. */
function finishRecord(record: ImportRecord): string | undefined {
	for (const [locale, title] of Object.entries(record.title)) {
		const clean = decodeEntities(title).slice(0, TITLE_MAX).trim();
		if (clean) record.title[locale] = clean;
		else delete record.title[locale];
	}
	if (Object.keys(record.title).length === 0) return 'it has no title';
	// Some sources make ids from whole texts: a long one is replaced by its hash, the same on every import.
	if (record.sourceId.length > SOURCE_ID_MAX) record.sourceId = `h:${createHash('sha256').update(record.sourceId).digest('hex').slice(0, 40)}`;
	for (const [locale, description] of Object.entries(record.description)) {
		if (!description.trim()) delete record.description[locale];
		else if (description.length > DESCRIPTION_MAX_LENGTH) record.description[locale] = `${description.slice(0, DESCRIPTION_MAX_LENGTH - 1)}…`;
	}
	record.languages = unique(record.languages);
	record.skills = unique(record.skills);
	record.keywords = unique(record.keywords.map((keyword) => decodeEntities(keyword)).filter((keyword) => keyword.length <= 100));
	// What the activity would refuse is dropped here, so that one odd field does not cost the record.
	if (record.url !== undefined && record.url !== null) record.url = activityUrl(record.url);
	if (record.sourceUrl !== undefined && record.sourceUrl !== null) record.sourceUrl = httpUrl(record.sourceUrl) ?? null;
	if (record.imageUrl !== undefined && record.imageUrl !== null) record.imageUrl = httpUrl(record.imageUrl) ?? null;
	if (record.organiser) record.organiser = decodeEntities(record.organiser).slice(0, 200);
	if (record.location) {
		const address = record.location.address.replace(/\s+/g, ' ').trim().slice(0, ADDRESS_MAX);
		const { lat, lon } = record.location;
		const validPoint = typeof lat === 'number' && typeof lon === 'number' && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
		record.location = address || validPoint ? { address, lat: validPoint ? lat : null, lon: validPoint ? lon : null } : null;
	}
	if (record.price && !(record.price.amount >= 0 && record.price.amount <= PRICE_MAX && /^[A-Z]{3}$/.test(record.price.currency))) record.price = null;
	if (record.price?.amount === 0) {
		record.price = null;
		record.free = true;
	}
	for (const key of ['ageMin', 'ageMax', 'capacity'] as const) {
		const value = record[key];
		if (value !== undefined && value !== null && !(Number.isInteger(value) && value >= (key === 'capacity' ? 1 : 0) && value <= (key === 'capacity' ? 100_000 : 120))) record[key] = null;
	}
	if (typeof record.ageMin === 'number' && typeof record.ageMax === 'number' && record.ageMin > record.ageMax) record.ageMax = null;
	if (record.sessions?.length) {
		record.startsAt = record.sessions[0]!.startsAt;
		record.endsAt = record.sessions.reduce((last, s) => (s.endsAt > last ? s.endsAt : last), record.sessions[0]!.endsAt);
	}
	if (record.startsAt && record.endsAt && Date.parse(record.endsAt) < Date.parse(record.startsAt)) record.endsAt = null;
	return undefined;
}

function unique(values: string[]): string[] {
	return [...new Set(values.map((value) => value.trim()).filter(Boolean))];
}

/** Runs a parser step for one record, turning an unexpected shape into that record's error. */
export function readRecord(collector: ParseCollector, name: string, read: () => ImportRecord | undefined): void {
	let record: ImportRecord | undefined;
	try {
		record = read();
	} catch (error) {
		// A record in a shape we did not expect (a list where a text should be) must not stop the
		// others: such slips surface as TypeError/RangeError and are reported against that record.
		if (!(error instanceof TypeError || error instanceof RangeError)) throw error;
		collector.error(name, `could not be read: ${error.message}`);
		return;
	}
	if (record) collector.add(name, record);
}
