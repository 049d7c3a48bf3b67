import type { ActivityMode } from '../../../activities/vocabulary';
import type { ImportRecord, ParseOptions } from '../record';
import { hasType, prop, resolve, resolveAll, typesOf, type JsonNode } from './schemaorg-graph';
import { normaliseLanguages } from './languages';
import { asArray, firstText, httpUrl, isObject, nameOf, parseBoolean, parseInteger, parseNumber, splitList, text } from './values';
import { modeFromWords } from './vocabulary';
import { decodeEntities } from './html-to-markdown';

/**
 * Readers of schema.org properties that several formats share (MOOChub and Bioschemas follow
 * schema.org names): places, prices, ages, languages, skills, images.
 */
type ById = Map<string, JsonNode>;

/** `inLanguage` as a code, a list, or a Language node (`{name: "English", alternateName: "en"}`). */
export function languagesOf(value: unknown, byId: ById): string[] {
	return resolveAll(value, byId).flatMap((item) => (isObject(item) ? normaliseLanguages([item.alternateName, item.identifier, item.name].map(text).find(Boolean)) : normaliseLanguages(item)));
}

/** A readable address from a string, a Place, a PostalAddress, or a list mixing them with VirtualLocations. */
export function placeOf(value: unknown, byId: ById): { address: string; lat: number | null; lon: number | null } | undefined {
	for (const item of resolveAll(value, byId)) {
		if (typeof item === 'string' && item.trim() && !/^https?:\/\//i.test(item.trim())) return { address: item.trim(), lat: null, lon: null };
		if (!isObject(item) || hasType(item, 'VirtualLocation')) continue;
		const address = resolve(prop(item, 'address'), byId);
		const geo = resolve(prop(item, 'geo'), byId);
		const point = isObject(geo) ? geo : item;
		const lat = parseNumber(prop(point, 'latitude'));
		const lon = parseNumber(prop(point, 'longitude'));
		const parts = [text(prop(item, 'name')), ...(isObject(address) ? addressParts(address) : [text(address)])];
		const line = [...new Set(parts.filter((part): part is string => Boolean(part)))].join(', ');
		if (line || (lat !== undefined && lon !== undefined)) return { address: line, lat: lat ?? null, lon: lon ?? null };
	}
	return undefined;
}

function addressParts(address: JsonNode): (string | undefined)[] {
	const country = prop(address, 'addressCountry');
	return [
		text(prop(address, 'streetAddress')),
		[text(prop(address, 'postalCode')), text(prop(address, 'addressLocality'))].filter(Boolean).join(' ') || undefined,
		text(prop(address, 'addressRegion')),
		isObject(country) ? nameOf(country) : text(country)
	];
}

/** Whether the location list names a virtual place (or a plain URL). */
export function hasVirtualLocation(value: unknown, byId: ById): boolean {
	return resolveAll(value, byId).some((item) => hasType(item, 'VirtualLocation') || (typeof item === 'string' && /^https?:\/\//i.test(item.trim())));
}

/** The URL of a VirtualLocation, where people take part. */
export function virtualUrlOf(value: unknown, byId: ById): string | undefined {
	for (const item of resolveAll(value, byId)) if (hasType(item, 'VirtualLocation') && isObject(item)) return httpUrl(prop(item, 'url'));
	return undefined;
}

/** Mode from courseMode words, eventAttendanceMode and whether there are physical and virtual locations. */
export function modeOf(node: JsonNode, byId: ById): ActivityMode | undefined {
	const words = [...asArray(prop(node, 'courseMode')), ...asArray(prop(node, 'eventAttendanceMode'))].map(text);
	const fromWords = modeFromWords(words.map((word) => word?.replace(/EventAttendanceMode$/, '')));
	if (fromWords) return fromWords;
	const location = prop(node, 'location');
	const virtual = hasVirtualLocation(location, byId);
	const physical = placeOf(location, byId) !== undefined;
	if (virtual && physical) return 'hybrid';
	if (virtual) return 'online';
	return physical ? 'in_person' : undefined;
}

/** The lowest price among the offers (the price one can take part at), or free. */
export function priceOf(offers: unknown, byId: ById, free: unknown): Pick<ImportRecord, 'price' | 'free'> {
	if (parseBoolean(free) === true) return { price: null, free: true };
	let best: { amount: number; currency: string } | undefined;
	for (const offer of resolveAll(offers, byId)) {
		if (!isObject(offer)) continue;
		const specification = resolve(prop(offer, 'priceSpecification'), byId);
		const source = prop(offer, 'price') !== undefined || !isObject(specification) ? offer : specification;
		const amount = parseNumber(prop(source, 'price'));
		if (amount === undefined || amount < 0) continue;
		const currency = (text(prop(source, 'priceCurrency')) ?? text(prop(offer, 'priceCurrency')) ?? 'EUR').toUpperCase();
		if (!best || amount < best.amount) best = { amount, currency };
	}
	if (!best) return {};
	return best.amount === 0 ? { price: null, free: true } : { price: best, free: false };
}

/** Ages from `typicalAgeRange` ("12-18", "16-", "18+") or an audience's suggested ages. */
export function agesOf(node: JsonNode, byId: ById): { ageMin?: number; ageMax?: number } {
	const range = text(prop(node, 'typicalAgeRange'));
	const match = range ? /^\s*(\d{1,3})?\s*(?:-|–|\+|to)?\s*(\d{1,3})?\s*\+?\s*$/.exec(range) : null;
	const result: { ageMin?: number; ageMax?: number } = {};
	if (match) {
		if (match[1]) result.ageMin = Number(match[1]);
		if (match[2]) result.ageMax = Number(match[2]);
	}
	for (const audience of resolveAll(prop(node, 'audience'), byId)) {
		if (!isObject(audience)) continue;
		result.ageMin ??= parseInteger(prop(audience, 'suggestedMinAge'));
		result.ageMax ??= parseInteger(prop(audience, 'suggestedMaxAge'));
	}
	return result;
}

/**
 * Skills and keywords from `teaches`, `keywords` and `about`: a DefinedTerm with a code in a known
 * framework becomes a skill id; everything else named becomes a keyword for the organiser to match.
 */
export function skillsAndKeywords(nodes: JsonNode[], byId: ById, skillFor: ParseOptions['skillFor']): { skills: string[]; keywords: string[] } {
	const skills: string[] = [];
	const keywords: string[] = [];
	for (const node of nodes) {
		for (const key of ['teaches', 'keywords', 'about']) {
			for (const item of resolveAll(prop(node, key), byId)) {
				if (typeof item === 'string') {
					const skill = /^https?:\/\//i.test(item) ? skillFor(item) : undefined;
					if (skill) skills.push(skill);
					else if (!/^https?:\/\//i.test(item)) keywords.push(...splitList(decodeEntities(item), /[,;]/));
					continue;
				}
				if (!isObject(item)) continue;
				// Events or courses under `about` describe the page, not a subject.
				if (typesOf(item).some((type) => /Event|Course|Organization|Person/.test(type))) continue;
				const skill = definedTermSkill(item, byId, skillFor);
				if (skill) skills.push(skill);
				else {
					const name = nameOf(item);
					if (name) keywords.push(decodeEntities(name));
				}
			}
		}
	}
	return { skills, keywords };
}

function definedTermSkill(term: JsonNode, byId: ById, skillFor: ParseOptions['skillFor']): string | undefined {
	const set = resolve(prop(term, 'inDefinedTermSet'), byId);
	const framework = isObject(set) ? (nameOf(set) ?? text(set['@id'])) : text(set);
	const code = text(prop(term, 'termCode'));
	const uris = [text(term['@id']), text(prop(term, 'url')), text(prop(term, 'sameAs'))].filter((uri): uri is string => Boolean(uri));
	if (code) {
		const found = skillFor(code, framework);
		if (found) return found;
	}
	for (const uri of uris) {
		const found = skillFor(uri, framework);
		if (found) return found;
	}
	return undefined;
}

/** An image as a URL string, an ImageObject (`url`/`contentUrl`), or a list of either. */
export function imageOf(value: unknown, byId: ById): string | undefined {
	for (const item of resolveAll(value, byId)) {
		const url = isObject(item) ? httpUrl(firstText(prop(item, 'contentUrl'), prop(item, 'url'), item['@id'])) : httpUrl(item);
		if (url) return url;
	}
	return undefined;
}

/** The name of the provider/organizer/publisher (an Organization or Person node, or a string). */
export function organiserOf(values: unknown[], byId: ById): string | undefined {
	for (const value of values) {
		const name = nameOf(resolveAll(value, byId));
		if (name) return name;
	}
	return undefined;
}
