import { ACTIVITY_MODES, ACTIVITY_TYPES, type ActivityMode, type ActivityType } from '../../../activities/vocabulary';
import type { ImportRecord, ParseOptions, ParseResult } from '../record';
import { parseDateTime, toIsoInstant } from './dates';
import { markdownFromHtmlOrMarkdown } from './html-to-markdown';
import { normaliseLanguages } from './languages';
import { ParseCollector, emptyRecord, readRecord, sessionsFrom, unreadable } from './records';
import { asArray, httpUrl, isObject, nameOf, parseInteger, parseNumber, text, parseJsonLeniently } from './values';

/**
 * Another instance of this platform: the answer of its `GET /api/v1/activities` (search summaries:
 * `summary` per locale) or activities in full (`description`, `sessions`, `onlineUrl`). Its values are
 * already ours, so they are taken as they are; skills are kept when our frameworks know them.
 */
type Json = Record<string, unknown>;

export function parseInstance(content: string, options: ParseOptions): ParseResult {
	let document: unknown;
	try {
		document = parseJsonLeniently(content);
	} catch {
		// Not JSON: the file as a whole cannot be read.
		return unreadable('not valid JSON');
	}
	const items = Array.isArray(document) ? document : isObject(document) ? (Array.isArray(document.items) ? document.items : document.id && document.title ? [document] : undefined) : undefined;
	if (!items) return unreadable('not a list of activities: there is no "items" list');
	const collector = new ParseCollector();
	items.forEach((item, index) => {
		const name = `items[${index}]${isObject(item) && text(item.id) ? ` (${text(item.id)})` : ''}`;
		if (!isObject(item)) collector.error(name, 'not an activity object');
		else readRecord(collector, name, () => activityRecord(item, options, collector, name));
	});
	return collector.result('the list has no activities');
}

function localized(value: unknown): Record<string, string> {
	if (!isObject(value)) return {};
	return Object.fromEntries(Object.entries(value).flatMap(([locale, content]) => (typeof content === 'string' && content.trim() ? [[locale, content]] : [])));
}

function activityRecord(item: Json, options: ParseOptions, collector: ParseCollector, name: string): ImportRecord {
	const pageUrl = httpUrl(item.url);
	const record = emptyRecord(text(item.id) ?? pageUrl ?? name);
	record.title = localized(item.title);
	const description = Object.keys(localized(item.description)).length ? localized(item.description) : localized(item.summary);
	for (const [locale, textValue] of Object.entries(description)) record.description[locale] = markdownFromHtmlOrMarkdown(textValue);
	record.languages = normaliseLanguages(asArray(item.languages));
	const type = text(item.type);
	record.type = type && (ACTIVITY_TYPES as readonly string[]).includes(type) ? (type as ActivityType) : null;
	const mode = text(item.mode);
	record.mode = mode && (ACTIVITY_MODES as readonly string[]).includes(mode) ? (mode as ActivityMode) : 'in_person';
	const start = parseDateTime(item.startsAt, 'UTC');
	const end = parseDateTime(item.endsAt, 'UTC');
	record.startsAt = start ? toIsoInstant(start.instant) : null;
	record.endsAt = end ? toIsoInstant(end.instant) : null;
	record.alwaysOpen = item.alwaysOpen === true;
	const sessions = asArray(item.sessions)
		.filter(isObject)
		.map((session) => ({ start: parseDateTime(session.startsAt, 'UTC')?.instant, end: parseDateTime(session.endsAt, 'UTC')?.instant }))
		.filter((session): session is { start: Date; end: Date } => Boolean(session.start && session.end));
	if (sessions.length) record.sessions = sessionsFrom(sessions);
	if (isObject(item.location)) {
		record.location = { address: text(item.location.address) ?? '', lat: parseNumber(item.location.lat) ?? null, lon: parseNumber(item.location.lon) ?? null };
	}
	// The source's page is where the record came from; where to take part is its online URL if it has one.
	record.sourceUrl = pageUrl ?? null;
	record.url = httpUrl(item.onlineUrl) ?? pageUrl ?? null;
	record.organiser = nameOf(item.organisation) ?? null;
	record.ageMin = parseInteger(item.ageMin) ?? null;
	record.ageMax = parseInteger(item.ageMax) ?? null;
	record.capacity = parseInteger(item.capacity) ?? null;
	if (isObject(item.price)) {
		const amount = parseNumber(item.price.amount);
		const currency = text(item.price.currency);
		record.price = amount !== undefined && currency ? { amount, currency } : null;
	}
	if (typeof item.free === 'boolean') record.free = item.free;
	for (const skill of asArray(item.skills).map(text).filter((s): s is string => Boolean(s))) {
		const known = options.skillFor(skill);
		if (known) record.skills.push(known);
		else collector.warn(name, `skill "${skill}" is not in our frameworks: left out`);
	}
	if (isObject(item.image)) record.imageUrl = httpUrl(item.image.url) ?? null;
	return record;
}
