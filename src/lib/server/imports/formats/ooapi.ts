import type { ImportRecord, ParseOptions, ParseResult } from '../record';
import { asDays, exclusiveEnd, parseDateTime, toIsoInstant } from './dates';
import { markdownFromHtmlOrMarkdown } from './html-to-markdown';
import { normaliseLanguage } from './languages';
import { readLocalized } from './localized-text';
import { ParseCollector, emptyRecord, readRecord, unreadable } from './records';
import { asArray, firstText, httpUrl, isObject, parseInteger, parseNumber, text, parseJsonLeniently } from './values';
import { modeFromWords } from './vocabulary';

/**
 * Open Education API v5 (the Dutch institutions' catalogue API): a page of courses or offerings,
 * `{pageSize, pageNumber, items: [...]}`. Texts are lists of `{language, value}`; an offering is one
 * run of a course (its dates), and may carry the course expanded for what it lacks itself.
 */
type Json = Record<string, unknown>;

export function parseOoapi(content: string, options: ParseOptions): ParseResult {
	let document: unknown;
	try {
		document = parseJsonLeniently(content);
	} catch {
		// Not JSON: the file as a whole cannot be read.
		return unreadable('not valid JSON');
	}
	const items = Array.isArray(document)
		? document
		: isObject(document)
			? (asArray(document.items ?? document.offerings ?? document.courses).length
				? asArray(document.items ?? document.offerings ?? document.courses)
				: document.offeringId || document.courseId || document.programId
					? [document]
					: undefined)
			: undefined;
	if (!items) return unreadable('not an OOAPI page: there is no "items" list of courses or offerings');
	const collector = new ParseCollector();
	items.forEach((item, index) => {
		const id = isObject(item) ? text(item.offeringId ?? item.courseId ?? item.programId) : undefined;
		const name = `items[${index}]${id ? ` (${id})` : ''}`;
		if (!isObject(item)) collector.error(name, 'not a course or offering object');
		// A component (an exam, a lab of a course) is part of a course, not something to join on its own.
		else if (text(item.offeringType ?? item.type) === 'component') collector.warn(name, 'skipped: a component of a course, not a course or programme');
		else readRecord(collector, name, () => itemRecord(item, options, collector, name));
	});
	return collector.result(items.length ? 'nothing on the page can be imported: components of courses are left out' : 'the page lists no courses or offerings');
}

function itemRecord(item: Json, options: ParseOptions, collector: ParseCollector, name: string): ImportRecord {
	// An offering may carry its course expanded; the offering's own values come first.
	const course = isObject(item.course) ? item.course : isObject(item.program) ? item.program : undefined;
	const sources = course ? [item, course] : [item];
	const first = (key: string) => sources.map((source) => source[key]).find((value) => value !== undefined && value !== null && asArray(value).length > 0);
	const record = emptyRecord(text(item.offeringId ?? item.courseId ?? item.programId) ?? text(item.link) ?? name);
	// v5 says teachingLanguage; v4 said mainLanguage.
	const language = normaliseLanguage(text(first('teachingLanguage') ?? first('mainLanguage')));
	if (language) record.languages.push(language);
	const locale = language ?? options.defaultLocale;
	record.title = readLocalized(first('name'), locale);
	if (!Object.keys(record.title).length) record.title = readLocalized(first('abbreviation'), locale);
	for (const [key, value] of Object.entries(readLocalized(first('description'), locale))) record.description[key] = markdownFromHtmlOrMarkdown(value);

	const zone = options.defaultTimeZone;
	const [start, end] = asDays(parseDateTime(item.startDateTime ?? item.startDate, zone), parseDateTime(item.endDateTime ?? item.endDate, zone));
	if (text(item.startDate) && !start) collector.warn(name, `startDate "${text(item.startDate)}" is not a date`);
	record.startsAt = start ? toIsoInstant(start.instant) : null;
	record.endsAt = end ? toIsoInstant(exclusiveEnd(end, zone)) : null;

	const address = asArray(first('addresses')).filter(isObject)[0];
	const modes = asArray(first('modeOfDelivery')).map(text);
	// Situated, on campus or nothing said: people come to a place.
	record.mode = modeFromWords(modes) ?? 'in_person';
	if (address && record.mode !== 'online') {
		const geo = isObject(address.geolocation) ? address.geolocation : {};
		const line = [
			[text(address.street), text(address.streetNumber)].filter(Boolean).join(' ') || undefined,
			text(address.additional),
			[text(address.postalCode), text(address.city)].filter(Boolean).join(' ') || undefined,
			text(address.countryCode)
		]
			.filter(Boolean)
			.join(', ');
		record.location = { address: line, lat: parseNumber(geo.latitude) ?? null, lon: parseNumber(geo.longitude) ?? null };
	}
	const url = httpUrl(firstText(item.link, course?.link));
	record.url = url ?? null;
	record.sourceUrl = url ?? null;
	record.capacity = parseInteger(item.maxNumberStudents) ?? null;
	record.organiser = readLocalizedName(first('organization'), locale) ?? null;
	Object.assign(record, priceOf(first('priceInformation')));
	// Institutions publish courses, programmes and their runs; all of them are courses to us.
	record.type = 'course';
	record.keywords = asArray(first('fieldsOfStudy')).map(text).filter((k): k is string => Boolean(k));
	return record;
}

/** Organisation names are `{language, value}` lists too. */
function readLocalizedName(organisation: unknown, locale: string): string | undefined {
	if (!isObject(organisation)) return undefined;
	const names = readLocalized(organisation.name, locale);
	return names[locale] ?? Object.values(names)[0] ?? text(organisation.shortName);
}

/** The lowest amount among the price lines (the other lines are for other groups of students). */
function priceOf(value: unknown): Pick<ImportRecord, 'price' | 'free'> {
	const prices = asArray(value)
		.filter(isObject)
		.map((line) => ({ amount: parseNumber(line.amount ?? line.displayAmount), currency: (text(line.currency) ?? 'EUR').toUpperCase() }))
		.filter((line): line is { amount: number; currency: string } => line.amount !== undefined && line.amount >= 0)
		.sort((a, b) => a.amount - b.amount);
	if (!prices[0]) return {};
	return prices[0].amount === 0 ? { price: null, free: true } : { price: prices[0], free: false };
}
