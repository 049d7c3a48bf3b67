import type { ImportRecord, ParseOptions, ParseResult } from '../record';
import { isValidTimeZone, parseDateTime, toIsoInstant } from './dates';
import { markdownFromHtmlOrText } from './html-to-markdown';
import { normaliseLanguage } from './languages';
import { ParseCollector, emptyRecord, readRecord, setText, unreadable } from './records';
import { asArray, firstText, httpUrl, isObject, nameOf, parseInteger, parseNumber, text, parseJsonLeniently } from './values';
import { guessActivityType } from './vocabulary';

/**
 * A page of the Eventbrite API v3 (`GET /organizations/{id}/events/`, `/events/search`): `events[]`
 * with `name.text`, `start.utc`, `online_event`, and `venue`/`organizer` objects when the request
 * expanded them. Cancelled events and drafts are left out (and said so).
 */
type Json = Record<string, unknown>;

const LEFT_OUT: Record<string, string> = { canceled: 'cancelled', cancelled: 'cancelled', draft: 'a draft', deleted: 'deleted' };

export function parseEventbrite(content: string, options: ParseOptions): ParseResult {
	let document: unknown;
	try {
		document = parseJsonLeniently(content);
	} catch {
		// Not JSON: nothing in the file can be read.
		return unreadable('not valid JSON');
	}
	const events = Array.isArray(document) ? document : isObject(document) ? (document.events ?? (document.name && document.start ? [document] : undefined)) : undefined;
	if (!Array.isArray(events)) return unreadable('not an Eventbrite events page: there is no "events" list');
	const collector = new ParseCollector();
	events.forEach((event, index) => {
		const name = `events[${index}]${isObject(event) && text(event.id) ? ` (${text(event.id)})` : ''}`;
		if (!isObject(event)) {
			collector.error(name, 'not an event object');
			return;
		}
		const status = text(event.status)?.toLowerCase();
		if (status && LEFT_OUT[status]) {
			collector.warn(name, `skipped: the event is ${LEFT_OUT[status]}`);
			return;
		}
		readRecord(collector, name, () => eventRecord(event, options, collector, name));
	});
	return collector.result(events.length ? 'no event on the page can be imported: drafts and cancelled events are left out' : 'the page lists no events');
}

function eventRecord(event: Json, options: ParseOptions, collector: ParseCollector, name: string): ImportRecord | undefined {
	const language = normaliseLanguage(text(event.locale));
	const locale = language ?? options.defaultLocale;
	const record = emptyRecord(text(event.id) ?? text(event.url) ?? name);
	if (language) record.languages.push(language);
	const title = isObject(event.name) ? firstText(event.name.text, event.name.html) : text(event.name);
	setText(record.title, locale, title);
	const description = isObject(event.description) ? event.description : {};
	setText(record.description, locale, markdownFromHtmlOrText(firstText(description.html, description.text, event.summary)));

	const start = timeOf(event.start, options.defaultTimeZone);
	const end = timeOf(event.end, options.defaultTimeZone);
	if (!start) collector.warn(name, 'no start time');
	record.startsAt = start ? toIsoInstant(start) : null;
	record.endsAt = end ? toIsoInstant(end) : null;

	const venue = isObject(event.venue) ? event.venue : undefined;
	const online = event.online_event === true;
	record.mode = online ? (venue && addressOf(venue) ? 'hybrid' : 'online') : 'in_person';
	if (venue && !online) {
		const latitude = parseNumber(venue.latitude ?? (isObject(venue.address) ? venue.address.latitude : undefined));
		const longitude = parseNumber(venue.longitude ?? (isObject(venue.address) ? venue.address.longitude : undefined));
		record.location = { address: addressOf(venue) ?? '', lat: latitude ?? null, lon: longitude ?? null };
	} else if (!online && text(event.venue_id)) {
		collector.warn(name, 'the venue is not included (request the page with expand=venue to import the address)');
	}
	const url = httpUrl(event.url);
	record.url = url ?? null;
	record.sourceUrl = url ?? null;
	record.organiser = nameOf(event.organizer) ?? null;
	record.capacity = parseInteger(event.capacity) ?? null;
	if (event.is_free === true) record.free = true;
	const ticketPrice = cheapestTicket(event.ticket_classes);
	if (ticketPrice) Object.assign(record, ticketPrice);
	record.imageUrl = isObject(event.logo) ? (httpUrl(event.logo.url) ?? (isObject(event.logo.original) ? httpUrl(event.logo.original.url) : undefined) ?? null) : null;
	const category = isObject(event.category) ? nameOf(event.category) : undefined;
	const format = isObject(event.format) ? nameOf(event.format) : undefined;
	record.keywords = [category, isObject(event.subcategory) ? nameOf(event.subcategory) : undefined].filter((k): k is string => Boolean(k));
	record.type = guessActivityType([format, category]) ?? null;
	return record;
}

/** `{utc, timezone, local}`: UTC when given, else the local time in its zone. */
function timeOf(value: unknown, defaultZone: string): Date | undefined {
	if (!isObject(value)) return undefined;
	const utc = parseDateTime(value.utc, 'UTC');
	if (utc) return utc.instant;
	const zone = text(value.timezone);
	return parseDateTime(value.local, zone && isValidTimeZone(zone) ? zone : defaultZone)?.instant;
}

function addressOf(venue: Json): string | undefined {
	const address = isObject(venue.address) ? venue.address : {};
	const display = text(address.localized_address_display);
	const line =
		display ??
		[text(address.address_1), text(address.address_2), [text(address.postal_code), text(address.city)].filter(Boolean).join(' ') || undefined, text(address.region), text(address.country)]
			.filter(Boolean)
			.join(', ');
	const venueName = text(venue.name);
	const full = [venueName, line].filter(Boolean).join(', ');
	return full || undefined;
}

/** With expanded ticket classes: the cheapest public ticket (`cost.major_value`); free tickets make it free. */
function cheapestTicket(value: unknown): Pick<ImportRecord, 'price' | 'free'> | undefined {
	const tickets = asArray(value).filter(isObject);
	if (!tickets.length) return undefined;
	if (tickets.some((ticket) => ticket.free === true)) return { price: null, free: true };
	const prices = tickets
		.map((ticket) => (isObject(ticket.cost) ? { amount: parseNumber(ticket.cost.major_value), currency: text(ticket.cost.currency) } : undefined))
		.filter((price): price is { amount: number; currency: string } => price?.amount !== undefined && Boolean(price.currency))
		.sort((a, b) => a.amount - b.amount);
	return prices[0] ? { price: prices[0], free: false } : undefined;
}
