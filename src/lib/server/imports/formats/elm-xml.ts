import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ImportRecord, ParseOptions, ParseResult } from '../record';
import { exclusiveEnd, parseDateTime, toIsoInstant } from './dates';
import { markdownFromHtmlOrMarkdown } from './html-to-markdown';
import { normaliseLanguage } from './languages';
import { ParseCollector, emptyRecord, readRecord, unreadable } from './records';
import { asArray, httpUrl, isObject, parseNumber, text } from './values';
import { modeFromWords } from './vocabulary';

/**
 * The older Europass QMS XML: `learningOpportunity` elements with `title`, `description`,
 * `homepage`, `startedAtDate`/`endedAtDate`, `priceDetails`, `providedBy` and a `specifiedBy`
 * learning specification (language, mode). Namespaces are dropped; texts keep their language attribute.
 */
type Json = Record<string, unknown>;

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	removeNSPrefix: true,
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: true,
	// No entity expansion beyond the XML built-ins: a hostile file cannot blow up.
	processEntities: true,
	htmlEntities: false
});

export function parseElmXml(content: string, options: ParseOptions): ParseResult {
	const valid = XMLValidator.validate(content);
	if (valid !== true) return unreadable(`not valid XML (line ${valid.err.line}: ${valid.err.msg})`);
	const document: unknown = parser.parse(content);
	const opportunities = elementsNamed(document, 'learningOpportunity');
	const collector = new ParseCollector();
	opportunities.forEach((element, index) => {
		const id = text(element['@id']) ?? textOf(element.identifier);
		const name = `learningOpportunity ${index + 1}${id ? ` (${id})` : ''}`;
		readRecord(collector, name, () => opportunityRecord(element, id ?? `learningOpportunity-${index + 1}`, options));
	});
	return collector.result('no learningOpportunity element found');
}

function elementsNamed(value: unknown, name: string, depth = 0): Json[] {
	if (depth > 40) return [];
	return asArray(value).flatMap((item) => {
		if (!isObject(item)) return [];
		return Object.entries(item).flatMap(([key, child]) => (key === name ? asArray(child).filter(isObject) : typeof child === 'object' ? elementsNamed(child, name, depth + 1) : []));
	});
}

/** An element's text per language: `<title language="en">`, `<title><text lang="en">`, or plain text. */
function textsOf(value: unknown, defaultLocale: string): Record<string, string> {
	const result: Record<string, string> = {};
	for (const item of asArray(value)) {
		if (typeof item === 'string' || typeof item === 'number') {
			const found = text(item);
			if (found) result[defaultLocale] ??= found;
		} else if (isObject(item)) {
			const locale = normaliseLanguage(text(item['@language'] ?? item['@lang'] ?? item['@xml:lang'] ?? item['@locale'])) ?? defaultLocale;
			const found = text(item['#text']);
			if (found) result[locale] ??= found;
			else for (const [childLocale, childText] of Object.entries(textsOf(item.text ?? item.value ?? item.label, locale))) result[childLocale] ??= childText;
		}
	}
	return result;
}

function textOf(value: unknown): string | undefined {
	return Object.values(textsOf(value, 'x'))[0];
}

function opportunityRecord(element: Json, id: string, options: ParseOptions): ImportRecord {
	const spec = asArray(element.specifiedBy ?? element.learningSpecification).find(isObject) ?? {};
	const record = emptyRecord(id);
	const language = normaliseLanguage(text((isObject(spec.language) ? spec.language['@uri'] : undefined) ?? textOf(spec.language) ?? textOf(element.language)));
	if (language) record.languages.push(language);
	const locale = language ?? options.defaultLocale;
	record.title = textsOf(element.title ?? spec.title, locale);
	for (const [key, value] of Object.entries(textsOf(element.description ?? spec.description, locale))) record.description[key] = markdownFromHtmlOrMarkdown(value);
	const zone = options.defaultTimeZone;
	const start = parseDateTime(textOf(element.startedAtDate ?? element.startDate), zone);
	const end = parseDateTime(textOf(element.endedAtDate ?? element.endDate), zone);
	record.startsAt = start ? toIsoInstant(start.instant) : null;
	record.endsAt = end ? toIsoInstant(exclusiveEnd(end, zone)) : null;
	const modes = asArray(spec.mode ?? element.mode).map((mode) => (isObject(mode) ? (text(mode['@uri']) ?? textOf(mode)) : text(mode)));
	record.mode = modeFromWords(modes) ?? 'in_person';
	const homepage = asArray(element.homepage).map((page) => (isObject(page) ? (text(page['@uri']) ?? textOf(page)) : text(page)))[0];
	record.url = httpUrl(homepage) ?? null;
	record.sourceUrl = record.url;
	const provider = asArray(element.providedBy).find(isObject);
	record.organiser = (provider && (textOf(provider.legalName) ?? textOf(provider.name) ?? textOf(provider.prefLabel))) ?? null;
	const place = asArray(element.providedAt ?? element.location).find(isObject);
	const address = place ? (textOf(place.fullAddress) ?? textOf(isObject(place.address) ? place.address.fullAddress : place.address) ?? textOf(place.name)) : undefined;
	if (address && record.mode !== 'online') record.location = { address, lat: null, lon: null };
	const price = asArray(element.priceDetails ?? element.priceDetail).find(isObject);
	const amountElement = price ? asArray(price.amount).find((a) => a !== undefined) : undefined;
	const amount = parseNumber(isObject(amountElement) ? amountElement['#text'] : amountElement);
	if (amount !== undefined) {
		const unit = isObject(amountElement) ? text(amountElement['@unit']) : undefined;
		record.price = { amount, currency: (unit?.replace(/^.*\//, '') ?? 'EUR').toUpperCase() };
	}
	for (const skill of elementsNamed(element, 'relatedESCOSkill').concat(elementsNamed(element, 'relatedSkill'))) {
		const uri = text(skill['@uri']) ?? textOf(skill);
		const found = uri ? options.skillFor(uri, 'esco') : undefined;
		if (found) record.skills.push(found);
	}
	return record;
}
