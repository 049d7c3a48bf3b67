import type { ImportRecord, ParseOptions, ParseResult } from '../record';
import { asDays, exclusiveEnd, parseDateTime, toIsoInstant } from './dates';
import { markdownFromHtmlOrMarkdown } from './html-to-markdown';
import { normaliseLanguage } from './languages';
import { firstLocalized, readLocalized } from './localized-text';
import { ParseCollector, emptyRecord, readRecord, unreadable } from './records';
import { asArray, firstText, httpUrl, isObject, parseNumber, text, parseJsonLeniently } from './values';
import { modeFromWords } from './vocabulary';
import { parseElmXml } from './elm-xml';

/**
 * European Learning Model v3 (Europass) JSON-LD: `LearningOpportunity` nodes with language-tagged
 * texts, `temporal` periods, learning-mode concepts, locations, the provider and ESCO skills of the
 * learning outcomes. A file with no opportunity (a credential) falls back to its specifications and
 * achievements, which say what was learnt, and says so. The older QMS XML is read in elm-xml.ts.
 */
type Json = Record<string, unknown>;

const OPPORTUNITY = ['LearningOpportunity'];
const SPECIFICATIONS = ['LearningAchievementSpecification', 'LearningActivitySpecification', 'Qualification', 'LearningAchievement', 'LearningActivity'];

export function parseElm(content: string, options: ParseOptions): ParseResult {
	if (content.trimStart().startsWith('<')) return parseElmXml(content, options);
	let document: unknown;
	try {
		document = parseJsonLeniently(content);
	} catch {
		// Neither XML nor JSON: nothing in it can be read.
		return unreadable('not valid JSON (nor XML)');
	}
	const collector = new ParseCollector();
	let nodes = nodesOfType(document, OPPORTUNITY);
	if (!nodes.length) {
		nodes = nodesOfType(document, SPECIFICATIONS);
		if (nodes.length) collector.warn('file', 'no LearningOpportunity in the file: records were made from the learning specifications or achievements it describes; check them');
	}
	const fileLanguages = languagesIn(findKey(document, ['primaryLanguage', 'defaultLanguage']));
	const fileOrganiser = legalNameIn(document, options.defaultLocale);
	nodes.forEach((node, index) => {
		const name = `${typeOf(node) ?? 'node'} ${index + 1}${text(node.id ?? node['@id']) ? ` (${text(node.id ?? node['@id'])})` : ''}`;
		readRecord(collector, name, () => opportunityRecord(node, { fileLanguages, fileOrganiser }, options, name, index));
	});
	return collector.result('no LearningOpportunity (or learning specification) found');
}

function typeOf(node: Json): string | undefined {
	return asArray(node.type ?? node['@type']).map(text).find(Boolean)?.replace(/^.*[/#:]/, '');
}

/** Every node of these types, outermost first; nodes inside a found node are not collected again. */
function nodesOfType(value: unknown, types: string[], depth = 0): Json[] {
	if (depth > 30) return [];
	return asArray(value).flatMap((item) => {
		if (!isObject(item)) return [];
		const itemTypes = asArray(item.type ?? item['@type']).map((t) => text(t)?.replace(/^.*[/#:]/, ''));
		if (itemTypes.some((t) => t && types.includes(t))) return [item];
		return Object.values(item).flatMap((child) => (typeof child === 'object' ? nodesOfType(child, types, depth + 1) : []));
	});
}

/** The first value of one of these keys anywhere in the tree. */
function findKey(value: unknown, keys: string[], depth = 0): unknown {
	if (depth > 30) return undefined;
	for (const item of asArray(value)) {
		if (!isObject(item)) continue;
		for (const key of keys) if (item[key] !== undefined) return item[key];
		for (const child of Object.values(item)) {
			if (typeof child !== 'object') continue;
			const found = findKey(child, keys, depth + 1);
			if (found !== undefined) return found;
		}
	}
	return undefined;
}

/** EU language authority concepts (`.../language/ENG`), codes or labels. */
function languagesIn(value: unknown): string[] {
	const codes = asArray(value).map((item) => normaliseLanguage(isObject(item) ? (text(item.id ?? item['@id']) ?? text(item.notation)) : text(item)));
	return [...new Set(codes.filter((code): code is string => Boolean(code)))];
}

function legalNameIn(value: unknown, locale: string): string | undefined {
	const provider = findKey(value, ['providedBy', 'awardingBody', 'issuer']);
	const organisation = asArray(provider).find(isObject);
	return organisation ? firstLocalized(organisation.legalName ?? organisation.prefLabel ?? organisation.name, locale) : undefined;
}

function opportunityRecord(node: Json, file: { fileLanguages: string[]; fileOrganiser?: string }, options: ParseOptions, name: string, index: number): ImportRecord {
	// An opportunity's details often sit in the specification it points to; an achievement's period
	// and mode, in the learning activity that led to it (`influencedBy`).
	const specs = [node, ...['learningAchievementSpecification', 'learningActivitySpecification', 'specifiedBy', 'influencedBy'].flatMap((key) => asArray(node[key]).filter(isObject))];
	const first = (key: string) => specs.map((spec) => spec[key]).find((value) => value !== undefined && value !== null);
	const record = emptyRecord(text(node.id ?? node['@id']) ?? `${name}#${index}`);
	record.languages = languagesIn(first('language') ?? first('defaultLanguage') ?? first('primaryLanguage'));
	if (!record.languages.length) record.languages = file.fileLanguages;
	const locale = record.languages[0] ?? options.defaultLocale;
	record.title = readLocalized(first('title') ?? first('prefLabel'), locale);
	const description = readLocalized(first('descriptionHtml') ?? first('description') ?? first('definition'), locale);
	for (const [key, value] of Object.entries(description)) record.description[key] = markdownFromHtmlOrMarkdown(value);

	const period = asArray(first('temporal')).find(isObject);
	const zone = options.defaultTimeZone;
	const [start, end] = asDays(parseDateTime(period?.startDate ?? period?.startTime ?? first('startDate'), zone), parseDateTime(period?.endDate ?? period?.endTime ?? first('endDate'), zone));
	record.startsAt = start ? toIsoInstant(start.instant) : null;
	record.endsAt = end ? toIsoInstant(exclusiveEnd(end, zone)) : null;

	const modeWords = asArray(first('mode')).flatMap((concept) => (isObject(concept) ? [firstLocalized(concept.prefLabel, 'en'), text(concept.id ?? concept['@id'])] : [text(concept)]));
	const location = asArray(first('location')).find(isObject);
	record.mode = modeFromWords(modeWords) ?? 'in_person';
	if (location && record.mode !== 'online') record.location = locationOf(location, locale);

	const homepage = asArray(first('homepage') ?? first('supplementaryDocument')).map((page) => (isObject(page) ? firstText(page.contentUrl, page.contentURL, page.id) : text(page)))[0];
	record.url = httpUrl(homepage) ?? null;
	record.sourceUrl = httpUrl(homepage) ?? httpUrl(text(node.id ?? node['@id'])) ?? null;
	const provider = asArray(first('providedBy') ?? first('awardingBody')).find(isObject);
	record.organiser = (provider ? firstLocalized(provider.legalName ?? provider.prefLabel, locale) : undefined) ?? legalNameIn(node, locale) ?? file.fileOrganiser ?? null;

	const skillUris = asArray(findKey(specs, ['relatedESCOSkill', 'relatedSkill'])).flatMap((skill) => [text(isObject(skill) ? (skill.id ?? skill['@id']) : skill)]);
	for (const uri of skillUris) {
		if (!uri) continue;
		const skill = options.skillFor(uri, 'esco');
		if (skill) record.skills.push(skill);
	}
	const price = asArray(first('priceDetail')).find(isObject);
	const amount = parseNumber(price?.amount ?? price?.value);
	if (amount !== undefined) {
		const currency = isObject(price?.currency) ? text(price.currency.id ?? price.currency.notation) : text(price?.currency);
		record.price = { amount, currency: (currency?.replace(/^.*\//, '') ?? 'EUR').toUpperCase() };
	}
	record.keywords = asArray(first('keyword') ?? first('keywords')).flatMap((keyword) => Object.values(readLocalized(keyword, locale)));
	return record;
}

function locationOf(location: Json, locale: string): NonNullable<ImportRecord['location']> {
	const address = asArray(location.address).find(isObject);
	const full = address ? firstLocalized(address.fullAddress ?? address.note, locale) : undefined;
	const country = address && isObject(address.countryCode) ? text(address.countryCode.id)?.replace(/^.*\//, '') : undefined;
	const place = firstLocalized(location.geographicName ?? location.name, locale);
	const geometry = asArray(location.geometry).find(isObject);
	return {
		address: [place, full, country].filter(Boolean).join(', '),
		lat: parseNumber(geometry?.latitude) ?? null,
		lon: parseNumber(geometry?.longitude) ?? null
	};
}
