import { describe, expect, it } from 'vitest';
import { detectFormat, parseImport } from './parse';
import { IMPORT_FORMATS } from './record';
import { options, sample } from './formats/test-support';

describe('detectFormat', () => {
	it('tells each format by its content', () => {
		expect(detectFormat('\uFEFFBEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR')).toBe('ical');
		expect(detectFormat(JSON.stringify({ data: [{ id: '1', type: 'Course', attributes: { name: 'x' } }] }))).toBe('moochub');
		expect(detectFormat(JSON.stringify({ links: { self: 'https://x/bridges/moochub/courses' }, data: [] }))).toBe('moochub');
		expect(detectFormat(JSON.stringify({ '@context': 'https://schema.org', '@type': 'Course', name: 'x' }))).toBe('schemaorg');
		expect(detectFormat(JSON.stringify([{ '@context': 'http://schema.org/', '@type': 'Event', name: 'x' }]))).toBe('schemaorg');
		expect(detectFormat(JSON.stringify({ '@context': { '@vocab': 'https://schema.org/' }, '@graph': [{ '@type': 'CourseInstance' }] }))).toBe('schemaorg');
		expect(detectFormat('<html><script type="application/ld+json">{}</script></html>')).toBe('schemaorg');
		expect(detectFormat(JSON.stringify({ '@context': ['http://data.europa.eu/snb/model/context/edc-ap'], type: 'LearningOpportunity' }))).toBe('elm');
		expect(detectFormat('<?xml version="1.0"?><qms:learningOpportunity xmlns:qms="x"/>')).toBe('elm');
		expect(detectFormat(JSON.stringify({ pagination: { page_number: 1 }, events: [] }))).toBe('eventbrite');
		expect(detectFormat(JSON.stringify({ events: [{ name: { text: 'x' }, start: { utc: '2030-01-01T00:00:00Z' } }] }))).toBe('eventbrite');
		expect(detectFormat(JSON.stringify({ pageSize: 10, items: [{ offeringId: 'a', name: [] }] }))).toBe('ooapi');
		expect(detectFormat(JSON.stringify({ items: [{ id: 'a', title: { en: 'x' }, mode: 'online' }], total: 1, page: 1, limit: 20 }))).toBe('instance');
		expect(detectFormat('title;start\nA;2030-01-01')).toBe('csv');
	});

	it('falls back to the file name, and knows when it cannot tell', () => {
		expect(detectFormat('just words', 'feed.ics')).toBe('ical');
		expect(detectFormat('{"unknown": true}', 'export.csv')).toBe('csv');
		expect(detectFormat('{"unknown": true}', 'x.json')).toBeUndefined();
		expect(detectFormat('just words')).toBeUndefined();
	});

	it('recognises every sample', () => {
		expect(detectFormat(sample('icalendar/pawsey-supercomputing-centre-5cd096b58d0.ics'))).toBe('ical');
		expect(detectFormat(sample('schema-org-jsonld/sib-course-first-steps-with-r.jsonld'))).toBe('schemaorg');
		expect(detectFormat(sample('csv/tess-events-template.csv'))).toBe('csv');
		expect(detectFormat(sample('mooc-catalogues/moochub-v3-courses-example.json'))).toBe('moochub');
		expect(detectFormat(sample('elm-europass/elm-v3-credential-sample.jsonld'))).toBe('elm');
		expect(detectFormat(sample('eventbrite-api/eventbrite-events-ardc.json'))).toBe('eventbrite');
	});
});

describe('parseImport', () => {
	const junk = ['', '   ', 'null', '[]', '{}', '[1, "a", null]', '{"data": 5, "items": "x", "events": {}}', '{"data": [null, 3, {"attributes": []}]}', '{"items": [{"offeringId": 1, "name": 5, "addresses": "x", "priceInformation": {}}]}', '{"events": [{"name": 5, "start": 3, "venue": []}]}', '{"@graph": [{"@type": ["Course"], "hasCourseInstance": [5, null, {"startDate": {}}], "offers": "x", "location": [1]}]}', '\u0000\u0001binary', 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID="broken:20300101\nRRULE:FREQ=SECONDLY\nEND:VEVENT', '"a","b"\n"unclosed'];

	it('never throws on bad input, and gives a file error when nothing can be read', () => {
		for (const format of IMPORT_FORMATS) {
			for (const content of junk) {
				const result = parseImport(format, content, options());
				expect(result.records.length + result.errors.length, `${format}: ${content.slice(0, 30)}`).toBeGreaterThan(0);
				if (result.records.length === 0) expect(result.errors.length).toBeGreaterThan(0);
			}
		}
		expect(parseImport('csv', '', options()).errors).toEqual([{ record: 'file', message: 'the file is empty' }]);
	});

	it('decodes bytes by BOM, else UTF-8, else Windows-1252', () => {
		const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('title\tstart\nÉcole\t2030-01-01').flatMap((c) => [c.charCodeAt(0), 0])]);
		expect(parseImport('csv', utf16, options()).records[0]!.title).toEqual({ nl: 'École' });
		expect(parseImport('csv', new TextEncoder().encode('title,start\nŠiauliai,2030-01-01'), options()).records[0]!.title).toEqual({ nl: 'Šiauliai' });
	});
});
