import type { ImportRecord, ParseOptions, ParseResult } from '../record';
import { collectNodes, hasType, jsonLdBlocksOfHtml, prop, resolveAll, typesOf, type JsonNode } from './schemaorg-graph';
import { agesOf, imageOf, languagesOf, modeOf, organiserOf, placeOf, priceOf, skillsAndKeywords, virtualUrlOf } from './schemaorg-fields';
import { asDays, exclusiveEnd, parseDateTime, toIsoInstant } from './dates';
import { markdownFromHtmlOrMarkdown } from './html-to-markdown';
import { readLocalized } from './localized-text';
import { ParseCollector, emptyRecord, readRecord, unreadable } from './records';
import { httpUrl, isObject, parseInteger, text, parseJsonLeniently } from './values';
import { guessActivityType } from './vocabulary';

/**
 * schema.org JSON-LD (Course, CourseInstance, Event and its subtypes, LearningResource), from a
 * .jsonld file or the script blocks of an HTML page. A Course with instances gives one record per
 * instance: the course says what it is, each instance when, where and how.
 */
type ById = Map<string, JsonNode>;

const EVENT_TYPES = /Event$/;

export function parseSchemaOrg(content: string, options: ParseOptions): ParseResult {
	const trimmed = content.trim();
	let documents: unknown[];
	const collector = new ParseCollector();
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			documents = [parseJsonLeniently(trimmed)];
		} catch {
			// The file says it is JSON but is not: that is the answer for the whole file.
			return unreadable('not valid JSON');
		}
	} else {
		const blocks = jsonLdBlocksOfHtml(content);
		if (blocks.documents.length === 0 && blocks.problems.length === 0) return unreadable('no JSON-LD found: the page has no <script type="application/ld+json"> block');
		for (const problem of blocks.problems) collector.error(problem, 'not valid JSON');
		documents = blocks.documents;
	}
	const { nodes, byId } = collectNodes(documents);
	// Instances listed under a course are read with it, not again on their own.
	const underCourses = new Set<unknown>(nodes.filter(isCourse).flatMap((course) => resolveAll(prop(course, 'hasCourseInstance'), byId)));
	let position = 0;
	for (const node of nodes) {
		const types = typesOf(node);
		const wanted = isCourse(node) || types.some((type) => type === 'CourseInstance' || type === 'LearningResource' || EVENT_TYPES.test(type));
		if (!wanted || underCourses.has(node)) continue;
		position += 1;
		const name = `${types[0] ?? 'node'} ${position}${text(node['@id']) ? ` (${text(node['@id'])})` : ''}`;
		if (isCourse(node)) {
			const instances = resolveAll(prop(node, 'hasCourseInstance'), byId).filter(isObject);
			if (instances.length) {
				instances.forEach((instance, index) => readRecord(collector, `${name}, instance ${index + 1}`, () => recordOf(instance, node, index, byId, options, collector, name)));
				continue;
			}
		}
		readRecord(collector, name, () => recordOf(node, undefined, 0, byId, options, collector, name));
	}
	return collector.result('no Course, CourseInstance, Event or LearningResource found');
}

/**
 * A course: typed so, or a node with course instances, whatever its type says (`hasCourseInstance`
 * belongs to courses; Bioschemas profiles type their courses `CreativeWork` and say so in it).
 */
function isCourse(node: JsonNode): boolean {
	return hasType(node, 'Course') || prop(node, 'hasCourseInstance') !== undefined;
}

/** One record from an event-like node (an instance, an event) and the course it belongs to, if any. */
function recordOf(node: JsonNode, course: JsonNode | undefined, index: number, byId: ById, options: ParseOptions, collector: ParseCollector, name: string): ImportRecord | undefined {
	const status = text(prop(node, 'eventStatus'));
	if (status && /Cancelled|Canceled/i.test(status)) {
		collector.warn(name, 'skipped: the event is cancelled');
		return undefined;
	}
	const both = course ? [node, course] : [node];
	const first = (key: string) => both.map((n) => prop(n, key)).find((value) => value !== undefined && value !== null && value !== '');
	const id = text(node['@id']) ?? text(prop(node, 'url')) ?? (course ? `${text(course['@id']) ?? text(prop(course, 'url')) ?? 'course'}#${index + 1}` : undefined);
	const record = emptyRecord(id ?? `${text(prop(node, 'name')) ?? 'untitled'}@${text(prop(node, 'startDate')) ?? ''}`);

	const languages = languagesOf(first('inLanguage'), byId);
	record.languages = languages;
	// Text without a language tag is in the resource's language, else in the city's default.
	const locale = languages[0] ?? options.defaultLocale;
	record.title = readLocalized(course ? (prop(course, 'name') ?? prop(node, 'name')) : prop(node, 'name'), locale);
	const description = readLocalized(first('description') ?? first('abstract'), locale);
	for (const [key, value] of Object.entries(description)) record.description[key] = markdownFromHtmlOrMarkdown(value);

	const zone = options.defaultTimeZone;
	const [start, end] = asDays(parseDateTime(prop(node, 'startDate'), zone), parseDateTime(prop(node, 'endDate'), zone));
	if (text(prop(node, 'startDate')) && !start) collector.warn(name, `startDate "${text(prop(node, 'startDate'))}" is not a date`);
	record.startsAt = start ? toIsoInstant(start.instant) : null;
	record.endsAt = end ? toIsoInstant(exclusiveEnd(end, zone)) : start?.dateOnly ? toIsoInstant(exclusiveEnd(start, zone)) : null;
	if (!start && hasType(node, 'LearningResource')) record.alwaysOpen = true;

	const mode = modeOf(node, byId) ?? (course ? modeOf(course, byId) : undefined);
	record.mode = mode ?? (hasType(node, 'LearningResource') ? 'online' : 'in_person');
	const place = placeOf(prop(node, 'location'), byId) ?? (course ? placeOf(prop(course, 'location'), byId) : undefined);
	if (place && record.mode !== 'online') record.location = place;

	const url = httpUrl(first('url')) ?? httpUrl(text(node['@id'])) ?? (course ? httpUrl(text(course['@id'])) : undefined);
	record.sourceUrl = url ?? null;
	record.url = url ?? virtualUrlOf(prop(node, 'location'), byId) ?? null;
	record.organiser = organiserOf([prop(node, 'organizer'), prop(node, 'provider'), course && prop(course, 'provider'), course && prop(course, 'organizer'), first('publisher')], byId) ?? null;
	Object.assign(record, priceOf(first('offers'), byId, first('isAccessibleForFree')));
	const ages = agesOf(node, byId);
	const courseAges = course ? agesOf(course, byId) : {};
	record.ageMin = ages.ageMin ?? courseAges.ageMin ?? null;
	record.ageMax = ages.ageMax ?? courseAges.ageMax ?? null;
	record.capacity = parseInteger(first('maximumAttendeeCapacity')) ?? null;
	const { skills, keywords } = skillsAndKeywords(both, byId, options.skillFor);
	record.skills = skills;
	record.keywords = keywords;
	record.imageUrl = imageOf(first('image'), byId) ?? null;
	const learningType = text(first('learningResourceType'));
	record.type = guessActivityType([...typesOf(node).filter((type) => type !== 'Thing'), learningType, ...(course ? ['Course'] : []), ...keywords]) ?? null;
	return record;
}
