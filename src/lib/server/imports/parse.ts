import type { ImportFormat, ParseOptions, ParseResult } from './record';
import { parseICalendar } from './formats/ical';
import { parseSchemaOrg } from './formats/schemaorg';
import { parseCsv } from './formats/csv';
import { parseMoochub } from './formats/moochub';
import { parseElm } from './formats/elm';
import { parseEventbrite } from './formats/eventbrite';
import { parseOoapi } from './formats/ooapi';
import { parseInstance } from './formats/instance';
import { isObject, parseJsonLeniently } from './formats/values';

/**
 * The importers' entry point: what format a file is in, and its records. Pure functions: the
 * pipeline fetches or receives the file, and turns the records into activities.
 */
const PARSERS: Record<ImportFormat, (content: string, options: ParseOptions) => ParseResult> = {
	ical: parseICalendar,
	schemaorg: parseSchemaOrg,
	csv: parseCsv,
	moochub: parseMoochub,
	elm: parseElm,
	eventbrite: parseEventbrite,
	ooapi: parseOoapi,
	instance: parseInstance
};

/** Never throws for what is in the file: a file it cannot read gives one error and no records. */
export function parseImport(format: ImportFormat, content: string | Uint8Array, options: ParseOptions): ParseResult {
	const text = typeof content === 'string' ? content.replace(/^\uFEFF/, '') : decodeBytes(content);
	if (!text.trim()) return { records: [], errors: [{ record: 'file', message: 'the file is empty' }] };
	try {
		return PARSERS[format](text, options);
	} catch (error) {
		// The parsers report what they meet record by record; a file that defeats the format's own
		// library (an XML entity it refuses, a graph nested beyond the stack) is unreadable, not a crash.
		return { records: [], errors: [{ record: 'file', message: `the file could not be read: ${error instanceof Error ? error.message : String(error)}` }] };
	}
}

/**
 * Bytes to text: a byte-order mark decides; else UTF-8 when the bytes are valid UTF-8, else
 * Windows-1252 (what Excel on Windows writes for "CSV" in western European locales).
 */
export function decodeBytes(bytes: Uint8Array): string {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		// Not UTF-8: the fatal decoder says so with a TypeError, and the legacy encoding is the answer.
		return new TextDecoder('windows-1252').decode(bytes);
	}
}

const EXTENSIONS: [RegExp, ImportFormat][] = [
	[/\.(ics|ical|ifb|icalendar)$/i, 'ical'],
	[/\.(csv|tsv|txt)$/i, 'csv'],
	[/\.(jsonld|html?|xhtml)$/i, 'schemaorg'],
	[/\.(xml|ttl|rdf)$/i, 'elm']
];

/** The format of a file: by what it contains, else by its name; undefined when neither tells. */
export function detectFormat(content: string | Uint8Array, filename?: string | null): ImportFormat | undefined {
	const text = (typeof content === 'string' ? content : decodeBytes(content)).replace(/^\uFEFF/, '').trimStart();
	return byContent(text) ?? (filename ? EXTENSIONS.find(([pattern]) => pattern.test(filename))?.[1] : undefined);
}

function byContent(text: string): ImportFormat | undefined {
	if (/^BEGIN:VCALENDAR/i.test(text)) return 'ical';
	if (text.startsWith('{') || text.startsWith('[')) {
		try {
			return byJson(parseJsonLeniently(text));
		} catch {
			// Not JSON after all; the other checks and the file name decide.
			return undefined;
		}
	}
	if (text.startsWith('<')) {
		if (/<script[^>]+application\/ld\+json/i.test(text)) return 'schemaorg';
		if (/<([\w-]+:)?learningOpportunity[\s>]/i.test(text)) return 'elm';
		return undefined;
	}
	return looksLikeCsv(text) ? 'csv' : undefined;
}

function byJson(json: unknown): ImportFormat | undefined {
	const list = Array.isArray(json) ? json : undefined;
	const root = isObject(json) ? json : undefined;
	const serialized = (value: unknown) => JSON.stringify(value ?? null).slice(0, 200_000);
	const context = serialized(root?.['@context'] ?? list?.find(isObject)?.['@context']);
	if (/europa\.eu\/snb|elm/i.test(context) || /"(type|@type)":\s*"LearningOpportunity"/.test(serialized(json).slice(0, 50_000))) return 'elm';
	if (root) {
		const data = Array.isArray(root.data) ? root.data : isObject(root.data) ? [root.data] : [];
		const links = serialized(root.links);
		if (data.some((item) => isObject(item) && /^courses?$/i.test(String(item.type)) && isObject(item.attributes)) || /moochub/i.test(links)) return 'moochub';
		if (Array.isArray(root.events) && (isObject(root.pagination) || root.events.some((event) => isObject(event) && isObject(event.name) && isObject(event.start)))) return 'eventbrite';
		const items = Array.isArray(root.items) ? root.items : [];
		if (items.some((item) => isObject(item) && (item.offeringId || item.courseId || item.programId)) || Array.isArray(root.offerings)) return 'ooapi';
		// One OOAPI object on its own (GET /courses/{id}): its id key and a list of localized names.
		if ((root.offeringId || root.courseId || root.programId) && Array.isArray(root.name)) return 'ooapi';
		// One Eventbrite event (GET /events/{id}): its name, start and end are objects.
		if (isObject(root.name) && isObject(root.start) && isObject(root.end) && 'listed' in root) return 'eventbrite';
		if ('total' in root && 'page' in root && items.some((item) => isObject(item) && isObject(item.title) && typeof item.mode === 'string')) return 'instance';
		if (data.length && data.some((item) => isObject(item) && isObject(item.attributes))) return 'moochub';
	}
	if (/schema\.org/i.test(context) || hasSchemaOrgType(json)) return 'schemaorg';
	return undefined;
}

/** JSON-LD without a context we can read, but typed with schema.org's learning types. */
function hasSchemaOrgType(json: unknown): boolean {
	const nodes = Array.isArray(json) ? json : isObject(json) ? (Array.isArray(json['@graph']) ? json['@graph'] : [json]) : [];
	return nodes.some((node) => isObject(node) && /^(Course|CourseInstance|EducationEvent|Event|LearningResource)$/.test(String(node['@type'])));
}

/** A header row and at least one more line, split by the same delimiter into the same number of fields. */
function looksLikeCsv(text: string): boolean {
	const lines = text.split(/\r?\n/).filter((line) => line.trim()).slice(0, 5);
	if (lines.length < 2) return false;
	return [',', ';', '\t', '|'].some((delimiter) => {
		const counts = lines.map((line) => line.split(delimiter).length);
		return counts[0]! >= 2 && counts[1]! >= 2;
	});
}
