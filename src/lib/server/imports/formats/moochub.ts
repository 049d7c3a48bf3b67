import type { ImportRecord, ParseOptions, ParseResult } from '../record';
import { exclusiveEnd, parseDateTime, parseIsoDuration, toIsoInstant, type ParsedDate } from './dates';
import { markdownFromHtmlOrMarkdown } from './html-to-markdown';
import { normaliseLanguages } from './languages';
import { firstLocalized, readLocalized } from './localized-text';
import { ParseCollector, emptyRecord, readRecord, sessionsFrom, unreadable } from './records';
import { asArray, firstText, httpUrl, isObject, nameOf, parseNumber, text, parseJsonLeniently } from './values';
import { modeFromWord } from './vocabulary';

/**
 * MOOChub course catalogues (JSON:API, `{data: [{id, type: "Course", attributes}]}`), version 1
 * (single values, `languages`, `moocProvider`) and version 3 (lists: `inLanguage[]`, parallel
 * `startDate[]`/`endDate[]`). Parallel runs of one course stay one record with a session per run:
 * the course id is then a stable key across imports, while run positions shift as old runs drop off.
 */
export function parseMoochub(content: string, options: ParseOptions): ParseResult {
	let document: unknown;
	try {
		document = parseJsonLeniently(content);
	} catch {
		// A feed that is not JSON cannot be read at all; that is the file's one error.
		return unreadable('not valid JSON');
	}
	if (!isObject(document) || !('data' in document)) return unreadable('not a MOOChub catalogue: there is no "data" list');
	const collector = new ParseCollector();
	const items = asArray(document.data);
	items.forEach((item, index) => {
		const name = `data[${index}]${isObject(item) && text(item.id) ? ` (${text(item.id)})` : ''}`;
		if (!isObject(item) || !isObject(item.attributes)) {
			collector.error(name, 'not a course: it has no "attributes"');
			return;
		}
		readRecord(collector, name, () => courseRecord(text(item.id), item.attributes as Record<string, unknown>, options, collector, name));
	});
	return collector.result('the catalogue lists no courses');
}

function courseRecord(id: string | undefined, course: Record<string, unknown>, options: ParseOptions, collector: ParseCollector, name: string): ImportRecord {
	const record = emptyRecord(id ?? text(course.courseCode) ?? text(course.url) ?? name);
	record.languages = normaliseLanguages(asArray(course.inLanguage ?? course.languages ?? course.language).flatMap((value) => (typeof value === 'string' ? [value] : [])));
	const locale = record.languages[0] ?? options.defaultLocale;
	record.title = readLocalized(course.name ?? course.title, locale);
	const description = readLocalized(course.description ?? course.abstract, locale);
	for (const [key, value] of Object.entries(description)) record.description[key] = markdownFromHtmlOrMarkdown(value);

	readRuns(record, course, options, collector, name);

	const place = isObject(course.contentLocation) ? course.contentLocation : undefined;
	const declared = modeFromWord(text(course.courseMode)) ?? modeFromWord(text(course.deliveryMode));
	// MOOCs are online; a content location (a lecture hall, a meeting point) adds a place to go to.
	record.mode = declared ?? (place ? 'hybrid' : 'online');
	if (place && record.mode !== 'online') record.location = placeOf(place);

	const url = httpUrl(firstText(course.url, course.link));
	record.url = url ?? null;
	record.sourceUrl = url ?? null;
	record.imageUrl = imageOf(course.image) ?? null;
	record.organiser = nameOf(course.publisher) ?? organisationIn(course.creator) ?? nameOf(course.moocProvider) ?? organisationIn(course.contributor) ?? null;
	Object.assign(record, priceOf(course));

	for (const skill of asArray(course.teaches)) {
		if (typeof skill === 'string') {
			const found = options.skillFor(skill);
			if (found) record.skills.push(found);
			else record.keywords.push(skill);
			continue;
		}
		if (!isObject(skill)) continue;
		const framework = [text(skill.educationalFramework), text(skill.educationalFrameworkVersion)].filter(Boolean).join(' ') || undefined;
		const code = text(skill.shortCode);
		const found = (code && options.skillFor(code, framework)) || [skill.url, skill.targetUrl, skill.identifier].map(text).filter((uri): uri is string => Boolean(uri)).map((uri) => options.skillFor(uri, framework)).find(Boolean);
		if (found) record.skills.push(found);
		else {
			const label = firstLocalized(skill.name, locale) ?? text(skill.name);
			if (label) record.keywords.push(label);
		}
	}
	record.keywords.push(...asArray(course.keywords).map(text).filter((k): k is string => Boolean(k)));
	for (const alignment of asArray(course.educationalAlignment)) {
		const subject = isObject(alignment) ? firstLocalized(alignment.name, locale) : undefined;
		if (subject) record.keywords.push(subject);
	}
	record.type = record.startsAt ? 'course' : 'self_paced_online';
	return record;
}

/** One run: start/end; several runs: a session each; none: open any time (self-paced). */
function readRuns(record: ImportRecord, course: Record<string, unknown>, options: ParseOptions, collector: ParseCollector, name: string) {
	const zone = options.defaultTimeZone;
	const starts = asArray(course.startDate).map((value) => ({ value, date: parseDateTime(value, zone) }));
	const ends = asArray(course.endDate).map((value) => parseDateTime(value, zone));
	const duration = parseIsoDuration(text(course.duration));
	for (const { value, date } of starts) if (!date && text(value)) collector.warn(name, `startDate "${text(value)}" is not a date`);
	const endOf = (start: ParsedDate, end: ParsedDate | undefined) =>
		end ? exclusiveEnd(end, zone) : duration ? new Date(start.instant.getTime() + duration) : start.dateOnly ? exclusiveEnd(start, zone) : undefined;
	const runs = starts.flatMap(({ date }, index) => (date ? [{ start: date.instant, end: endOf(date, ends[index]) }] : []));
	if (runs.length === 0) {
		record.alwaysOpen = true;
		return;
	}
	const first = runs.reduce((a, b) => (b.start < a.start ? b : a));
	record.startsAt = toIsoInstant(first.start);
	record.endsAt = first.end ? toIsoInstant(first.end) : null;
	const complete = runs.filter((run): run is { start: Date; end: Date } => Boolean(run.end));
	if (runs.length > 1) {
		if (complete.length < runs.length) collector.warn(name, 'some runs have no end date and no duration: they are left out');
		record.sessions = sessionsFrom(complete);
	}
}

function placeOf(place: Record<string, unknown>): NonNullable<ImportRecord['location']> {
	const address = isObject(place.address) ? place.address : {};
	const parts = [
		text(place.name),
		text(address.streetAddress),
		[text(address.postalCode), text(address.city ?? address.addressLocality)].filter(Boolean).join(' ') || undefined,
		text(address.addressCountry)?.toUpperCase()
	];
	return { address: parts.filter(Boolean).join(', '), lat: parseNumber(place.latitude) ?? null, lon: parseNumber(place.longitude) ?? null };
}

/** The first organisation among creators (people are instructors, not organisers). */
function organisationIn(value: unknown): string | undefined {
	const items = asArray(value);
	const organisation = items.find((item) => isObject(item) && /organi[sz]ation/i.test(text(item.type) ?? ''));
	return nameOf(organisation ?? items[0]);
}

function imageOf(value: unknown): string | undefined {
	for (const item of asArray(value)) {
		const url = isObject(item) ? httpUrl(firstText(item.contentUrl, item.url)) : httpUrl(item);
		if (url) return url;
	}
	return undefined;
}

/** The price of taking the course (`category: "course"`), not of the certificate; `access: ["free"]` means free. */
function priceOf(course: Record<string, unknown>): Pick<ImportRecord, 'price' | 'free'> {
	const offers = asArray(course.offer ?? course.offers).filter(isObject);
	const forCourse = offers.filter((offer) => !offer.category || text(offer.category) === 'course');
	const amounts = (forCourse.length ? forCourse : offers)
		.map((offer) => ({ amount: parseNumber(offer.price), currency: (text(offer.priceCurrency) ?? 'EUR').toUpperCase() }))
		.filter((offer): offer is { amount: number; currency: string } => offer.amount !== undefined && offer.amount >= 0)
		.sort((a, b) => a.amount - b.amount);
	const cheapest = amounts[0];
	if (cheapest) return cheapest.amount === 0 ? { price: null, free: true } : { price: cheapest, free: false };
	if (asArray(course.access).some((access) => /free/i.test(text(access) ?? ''))) return { price: null, free: true };
	return {};
}
