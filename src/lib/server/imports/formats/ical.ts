import type { ImportRecord, ParseOptions, ParseResult } from '../record';
import { parseIcalComponents, property, propertiesNamed, splitTextList, textOf, unescapeText, type IcalComponent, type IcalProperty } from './ical-syntax';
import { ianaZone, wallMsOf, zoneFor, type ToInstant } from './ical-zones';
import { expandRecurrence, parseRecurrenceRule } from './ical-recurrence';
import { parseIsoDuration, startOfNextDay, toIsoInstant } from './dates';
import { htmlToMarkdown, markdownFromHtmlOrText } from './html-to-markdown';
import { normaliseLanguage } from './languages';
import { ParseCollector, emptyRecord, readRecord, sessionsFrom, setText, SESSIONS_MAX } from './records';
import { firstUrlIn, httpUrl } from './values';
import { guessActivityType, locationSaysOnline } from './vocabulary';

/**
 * iCalendar feeds (RFC 5545): one record per VEVENT, a recurring event expanded into the sessions of
 * one record. Times keep their TZID (IANA, Windows or VTIMEZONE-described); floating times use the
 * calendar's X-WR-TIMEZONE, else the city's zone; all-day events are whole days in that zone.
 */

/** Recurrences are expanded from a month back to two years ahead: what an organiser can still publish. */
const WINDOW_BACK_MS = 31 * 86_400_000;
const WINDOW_AHEAD_MS = 2 * 365 * 86_400_000;

interface EventTime {
	wallMs: number;
	instant: Date;
	dateOnly: boolean;
	/** Written in UTC (`...Z`): its wall clock is UTC's. */
	utc: boolean;
}

interface CalendarContext {
	options: ParseOptions;
	collector: ParseCollector;
	timezones: Map<string, IcalComponent>;
	floatingZone: string;
	calendarName?: string;
	now: Date;
}

export function parseICalendar(content: string, options: ParseOptions): ParseResult {
	const parsed = parseIcalComponents(content);
	if (!parsed) return { records: [], errors: [{ record: 'file', message: 'not an iCalendar file: it does not start with BEGIN:VCALENDAR' }] };
	const collector = new ParseCollector();
	for (const problem of parsed.problems) collector.warn('file', problem);
	const calendars = parsed.components.filter((c) => c.name === 'VCALENDAR');
	const events = calendars.flatMap((calendar) => calendar.components.filter((c) => c.name === 'VEVENT').map((event) => ({ calendar, event })));
	// Overrides of single occurrences (RECURRENCE-ID) belong to the event with the same UID.
	const masters = new Map<string, IcalComponent>();
	for (const { event } of events) {
		const uid = textOf(event, 'UID');
		if (uid && !property(event, 'RECURRENCE-ID') && property(event, 'RRULE')) masters.set(uid, event);
	}
	const contexts = new Map(calendars.map((calendar) => [calendar, calendarContext(calendar, options, collector)]));
	events.forEach(({ calendar, event }, index) => {
		const uid = textOf(event, 'UID');
		const name = `VEVENT ${index + 1}${uid ? ` (UID ${uid})` : ''}`;
		if (property(event, 'RECURRENCE-ID') && uid && masters.has(uid)) return;
		const context = contexts.get(calendar)!;
		if (textOf(event, 'STATUS')?.toUpperCase() === 'CANCELLED') {
			collector.warn(name, 'skipped: the event is cancelled');
			return;
		}
		const overrides = uid && masters.get(uid) === event ? events.map((e) => e.event).filter((e) => e !== event && textOf(e, 'UID') === uid) : [];
		readRecord(collector, name, () => eventRecord(event, name, overrides, context));
	});
	return collector.result(events.length ? 'no records found' : 'no events (VEVENT) found in the calendar');
}

function calendarContext(calendar: IcalComponent, options: ParseOptions, collector: ParseCollector): CalendarContext {
	const timezones = new Map<string, IcalComponent>();
	for (const zone of calendar.components.filter((c) => c.name === 'VTIMEZONE')) {
		const tzid = textOf(zone, 'TZID');
		if (tzid) timezones.set(tzid, zone);
	}
	// Google and Apple write the calendar's zone here; floating times are meant in it.
	const calendarZone = ianaZone(textOf(calendar, 'X-WR-TIMEZONE') ?? '');
	return {
		options,
		collector,
		timezones,
		floatingZone: calendarZone ?? options.defaultTimeZone,
		calendarName: textOf(calendar, 'X-WR-CALNAME'),
		now: options.now ?? new Date()
	};
}

function eventRecord(event: IcalComponent, name: string, overrides: IcalComponent[], context: CalendarContext): ImportRecord | undefined {
	const { options, collector } = context;
	const uid = textOf(event, 'UID');
	const recurrenceId = property(event, 'RECURRENCE-ID')?.value.trim();
	const summary = property(event, 'SUMMARY');
	const locale = normaliseLanguage(summary?.params.LANGUAGE) ?? options.defaultLocale;
	const record = emptyRecord(uid ? (recurrenceId ? `${uid}#${recurrenceId}` : uid) : `event-${textOf(event, 'DTSTART') ?? ''}-${textOf(event, 'SUMMARY') ?? ''}`);
	if (!uid) collector.warn(name, 'no UID: updates of this event will not be recognised on a later import');
	setText(record.title, locale, summary ? unescapeText(summary.value) : undefined);
	const language = normaliseLanguage(summary?.params.LANGUAGE ?? property(event, 'DESCRIPTION')?.params.LANGUAGE);
	if (language) record.languages.push(language);

	const description = textOf(event, 'DESCRIPTION');
	setText(record.description, locale, richerDescription(description, alternativeHtml(event)));

	const start = readTime(property(event, 'DTSTART'), name, context);
	if (!start) {
		collector.error(name, property(event, 'DTSTART') ? `DTSTART "${property(event, 'DTSTART')!.value}" is not a date` : 'it has no DTSTART');
		return undefined;
	}
	const end = eventEnd(event, start, name, context);
	const duration = end ? end.getTime() - start.instant.getTime() : 0;
	record.startsAt = toIsoInstant(start.instant);
	record.endsAt = end ? toIsoInstant(end) : null;
	const rule = property(event, 'RRULE')?.value;
	if (rule) expandSessions(record, event, rule, start, duration, overrides, name, context);

	const location = textOf(event, 'LOCATION');
	const conference = propertiesNamed(event, 'CONFERENCE').map((p) => httpUrl(p.value.trim())).find(Boolean);
	const online = locationSaysOnline(location) || Boolean(conference);
	const physical = location && !locationSaysOnline(location) ? location : undefined;
	record.mode = online && physical ? 'hybrid' : online ? 'online' : 'in_person';
	const geo = /^\s*(-?\d+(?:\.\d+)?)\s*[;,]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(property(event, 'GEO')?.value ?? '');
	if (physical || (geo && record.mode !== 'online')) {
		record.location = { address: physical ?? '', lat: geo ? Number(geo[1]) : null, lon: geo ? Number(geo[2]) : null };
	}
	const pageUrl = httpUrl(textOf(event, 'URL'));
	record.sourceUrl = pageUrl ?? null;
	record.url = pageUrl ?? conference ?? httpUrl(location) ?? firstUrlIn(description) ?? null;

	const organizer = property(event, 'ORGANIZER');
	record.organiser = organizer?.params.CN?.trim() || context.calendarName || null;
	record.keywords = propertiesNamed(event, 'CATEGORIES').flatMap((p) => splitTextList(p.value));
	record.type = guessActivityType(record.keywords) ?? null;
	record.imageUrl = imageOf(event) ?? null;
	return record;
}

/** RFC 7986 IMAGE, else an ATTACH that says it is an image. */
function imageOf(event: IcalComponent): string | undefined {
	for (const candidate of [...propertiesNamed(event, 'IMAGE'), ...propertiesNamed(event, 'ATTACH')]) {
		const isImage = candidate.name === 'IMAGE' || /^image\//i.test(candidate.params.FMTTYPE ?? '');
		const url = httpUrl(candidate.value.trim());
		if (isImage && url) return url;
	}
	return undefined;
}

function alternativeHtml(event: IcalComponent): string | undefined {
	const alt = propertiesNamed(event, 'X-ALT-DESC').find((p) => !p.params.FMTTYPE || /html/i.test(p.params.FMTTYPE));
	return alt ? unescapeText(alt.value) : undefined;
}

/** The HTML alternative when it carries at least most of the plain text (it adds links, lists, headings). */
function richerDescription(plain: string | undefined, html: string | undefined): string {
	const fromPlain = markdownFromHtmlOrText(plain);
	if (!html) return fromPlain;
	const fromHtml = htmlToMarkdown(html);
	return fromHtml.length >= fromPlain.length * 0.8 ? fromHtml : fromPlain;
}

function readTime(prop: IcalProperty | undefined, name: string, context: CalendarContext): EventTime | undefined {
	if (!prop) return undefined;
	const value = prop.value.trim().split(',')[0]!;
	const wallMs = wallMsOf(value);
	if (wallMs === undefined) return undefined;
	const dateOnly = prop.params.VALUE?.toUpperCase() === 'DATE' || /^\d{8}$/.test(value);
	if (value.endsWith('Z')) return { wallMs, instant: new Date(wallMs), dateOnly: false, utc: true };
	const toInstant = zoneOf(prop, name, context, dateOnly);
	const instant = toInstant(wallMs);
	return instant ? { wallMs, instant, dateOnly, utc: false } : undefined;
}

/** The clock of a time: its TZID, else (floating, or a whole day) the calendar's zone. */
function zoneOf(prop: IcalProperty, name: string, context: CalendarContext, dateOnly: boolean): ToInstant {
	const reading = zoneFor(dateOnly ? undefined : prop.params.TZID, context.timezones, context.floatingZone);
	if (reading.assumption) context.collector.warn(name, reading.assumption);
	return reading.toInstant;
}

/** DTEND, else DTSTART + DURATION, else the end of an all-day event's day; null for an instant event. */
function eventEnd(event: IcalComponent, start: EventTime, name: string, context: CalendarContext): Date | null {
	const end = readTime(property(event, 'DTEND'), name, context);
	if (end && end.instant > start.instant) return end.instant;
	const duration = parseIsoDuration(textOf(event, 'DURATION'));
	if (duration && duration > 0) return new Date(start.instant.getTime() + duration);
	if (start.dateOnly) return startOfNextDay(start.instant, context.floatingZone);
	return null;
}

function expandSessions(record: ImportRecord, event: IcalComponent, ruleText: string, start: EventTime, duration: number, overrides: IcalComponent[], name: string, context: CalendarContext) {
	const { collector } = context;
	const rule = parseRecurrenceRule(ruleText);
	if (typeof rule === 'string') {
		collector.warn(name, `RRULE not followed (${rule}): only the first date is imported`);
		return;
	}
	const toInstant = start.utc ? (wall: number) => new Date(wall) : zoneOf(property(event, 'DTSTART')!, name, context, start.dateOnly);
	const instantOf = (wall: number) => toInstant(wall);
	const horizon = context.now.getTime() + WINDOW_AHEAD_MS + 14 * 3_600_000;
	const walls = expandRecurrence(rule, start.wallMs, horizon, instantOf);
	const excluded = new Set(
		propertiesNamed(event, 'EXDATE')
			.flatMap((p) => p.value.split(',').map((value) => ({ ...p, value })))
			.map((p) => readTime(p, name, context)?.instant.getTime())
	);
	let occurrences = walls
		.map((wall) => instantOf(wall))
		.filter((instant): instant is Date => instant !== undefined && !excluded.has(instant.getTime()))
		.map((instant) => ({ start: instant, end: new Date(instant.getTime() + duration) }));
	for (const rdate of propertiesNamed(event, 'RDATE').filter((p) => !/PERIOD/i.test(p.params.VALUE ?? ''))) {
		for (const value of rdate.value.split(',')) {
			const extra = readTime({ ...rdate, value }, name, context);
			if (extra && !excluded.has(extra.instant.getTime())) occurrences.push({ start: extra.instant, end: new Date(extra.instant.getTime() + duration) });
		}
	}
	occurrences = applyOverrides(occurrences, overrides, duration, name, context);
	const windowStart = context.now.getTime() - WINDOW_BACK_MS;
	const current = occurrences.filter((o) => o.end.getTime() >= windowStart);
	// A series that is over keeps its own dates: the organiser sees it is past rather than an empty record.
	const chosen = current.length ? current : occurrences;
	if (chosen.length > SESSIONS_MAX) collector.warn(name, `the recurrence has more than ${SESSIONS_MAX} dates: only the first ${SESSIONS_MAX} are imported`);
	else if (rule.count === undefined && rule.until === undefined && chosen.length) {
		collector.warn(name, `the event repeats without end: its dates up to ${toIsoInstant(new Date(horizon)).slice(0, 10)} are imported (import it again later for more)`);
	}
	if (duration <= 0) {
		collector.warn(name, 'the recurring event has no end time: only its first date is imported');
		if (chosen[0]) record.startsAt = toIsoInstant(chosen[0].start);
		return;
	}
	record.sessions = sessionsFrom(chosen.sort((a, b) => a.start.getTime() - b.start.getTime()).slice(0, SESSIONS_MAX));
}

/** RECURRENCE-ID events move or cancel the occurrence that would have started at that time. */
function applyOverrides(occurrences: { start: Date; end: Date }[], overrides: IcalComponent[], duration: number, name: string, context: CalendarContext) {
	let result = occurrences;
	for (const override of overrides) {
		const original = readTime(property(override, 'RECURRENCE-ID'), name, context);
		if (!original) continue;
		result = result.filter((o) => o.start.getTime() !== original.instant.getTime());
		if (textOf(override, 'STATUS')?.toUpperCase() === 'CANCELLED') continue;
		const moved = readTime(property(override, 'DTSTART'), name, context) ?? original;
		const end = eventEnd(override, moved, name, context) ?? new Date(moved.instant.getTime() + duration);
		result.push({ start: moved.instant, end });
	}
	return result;
}
