import { describe, expect, it } from 'vitest';
import { detectFormat, parseImport } from '../parse';
import { asDays, parseDateTime, timeOfDay, zoneByName } from './dates';
import { parseJsonLeniently } from './values';
import { options } from './test-support';

/**
 * What real files from other platforms do that the formats' own documents do not say, found by
 * running other publishers' exports through the importers (our own small fixtures in their shapes).
 */
describe('dates and zones as people write them', () => {
	it('reads times of day alone, zones by their city, and a day with a dangling "T"', () => {
		expect(['12:00 PM', '01:00 PM', '12:00 AM', '9am', '9 p.m.', '14h00', '14:30', '10:15:30'].map(timeOfDay)).toEqual(['12:00:00', '13:00:00', '00:00:00', '09:00:00', '21:00:00', '14:00:00', '14:30:00', '10:15:30']);
		expect(['2030', '7', '13:00 PM', '25:00', 'noon'].map(timeOfDay)).toEqual([undefined, undefined, undefined, undefined, undefined]);
		expect([zoneByName('Melbourne'), zoneByName('new york'), zoneByName('Europe/Rome'), zoneByName('Atlantis')]).toEqual(['Australia/Melbourne', 'America/New_York', 'Europe/Rome', undefined]);
		expect(parseDateTime('2017-04-15T', 'UTC')).toEqual({ instant: new Date('2017-04-15T00:00:00Z'), dateOnly: true });
	});

	it('takes a range written as two local midnights for whole days, and keeps real times as they are', () => {
		const zone = 'Europe/Stockholm';
		const [start, end] = asDays(parseDateTime('2023-03-20T00:00:00', zone), parseDateTime('2023-03-24T00:00:00', zone));
		expect([start!.dateOnly, end!.dateOnly]).toEqual([true, true]);
		// An evening that ends at midnight is not a day.
		const [evening, midnight] = asDays(parseDateTime('2023-03-20T20:00:00', zone), parseDateTime('2023-03-21T00:00:00', zone));
		expect([evening!.dateOnly, midnight!.dateOnly]).toEqual([false, false]);
		// With an offset, midnight is an instant the publisher meant.
		expect(asDays(parseDateTime('2023-03-20T00:00:00+01:00', zone), undefined)[0]!.dateOnly).toBe(false);
	});

	it('forgives a trailing comma in hand-written JSON, and nothing else', () => {
		expect(parseJsonLeniently('{"a": [1, 2,], "b": "x, }",\n}')).toEqual({ a: [1, 2], b: 'x, }' });
		expect(() => parseJsonLeniently('{"a": 1,, }')).toThrow(SyntaxError);
		expect(() => parseJsonLeniently('{"a": ')).toThrow(SyntaxError);
	});
});

describe('spreadsheets', () => {
	it('joins a Date column with start and end columns that hold only times', () => {
		const csv = ['title,start,end,URL,date', 'Submitting your thesis,12:00 PM,01:00 PM,https://example.org/e/1,2024-01-24', 'Data in R,9:30 AM,11:00 AM,https://example.org/e/2,2024-02-01', ''].join('\n');
		const result = parseImport('csv', csv, options({ defaultTimeZone: 'America/New_York' }));
		expect(result.errors).toEqual([]);
		expect(result.records.map((r) => [r.startsAt, r.endsAt])).toEqual([
			['2024-01-24T17:00:00Z', '2024-01-24T18:00:00Z'],
			['2024-02-01T14:30:00Z', '2024-02-01T16:00:00Z']
		]);
		// Without the day, the row says what to do.
		const alone = parseImport('csv', 'title,start\nThesis,12:00 PM\n', options());
		expect(alone.errors[0]!.message).toBe('start "12:00 PM" is only a time: map the column with the day to "date"');
	});

	it('reads a zone named by its city', () => {
		const csv = 'title,start,end,timezone\nHPC basics,20220228T133000,20220228T163000,Melbourne\n';
		const result = parseImport('csv', csv, options());
		expect(result.warnings ?? []).toEqual([]);
		expect(result.records[0]!.startsAt).toBe('2022-02-28T02:30:00Z');
	});
});

describe('schema.org', () => {
	it('reads days from midnight-padded dates, a course typed CreativeWork, and JSON with trailing commas', () => {
		const jsonld = `{
			"@context": "https://schema.org/",
			"@type": "CreativeWork",
			"@id": "https://example.org/courses/r",
			"name": "Introduction to R",
			"hasCourseInstance": [
				{ "@type": "CourseInstance", "courseMode": "online", "startDate": "2023-03-20T00:00:00", "endDate": "2023-03-24T00:00:00", },
			],
		}`;
		expect(detectFormat(jsonld, 'course.json')).toBe('schemaorg');
		const result = parseImport('schemaorg', jsonld, options({ defaultTimeZone: 'Europe/Stockholm' }));
		expect(result.errors).toEqual([]);
		expect(result.records).toHaveLength(1);
		// Monday to Friday, the Friday included.
		expect(result.records[0]).toMatchObject({ title: { nl: 'Introduction to R' }, mode: 'online', startsAt: '2023-03-19T23:00:00Z', endsAt: '2023-03-24T23:00:00Z' });
	});
});

describe('iCalendar', () => {
	const calendar = (rule: string) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:r@test', 'SUMMARY:Daily stand-up course', 'DTSTART;TZID=Europe/Amsterdam:20300107T090000', 'DTEND;TZID=Europe/Amsterdam:20300107T100000', rule, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

	it('follows a rule whose lists have spaces, as some calendar servers write them', () => {
		const result = parseImport('ical', calendar('RRULE:FREQ=DAILY;UNTIL=20300113T080000Z;BYDAY=MO, TU, WE, TH, FR'), options());
		expect(result.warnings ?? []).toEqual([]);
		expect(result.records[0]!.sessions).toHaveLength(5);
	});

	it('says when a rule without end was cut at the import window', () => {
		const result = parseImport('ical', calendar('RRULE:FREQ=MONTHLY;BYDAY=1TU'), options());
		expect(result.records[0]!.sessions!.length).toBeGreaterThan(20);
		expect(result.warnings).toEqual([expect.objectContaining({ message: expect.stringMatching(/^the event repeats without end: its dates up to 2032-01-01 are imported/) })]);
	});
});

describe('OOAPI and Eventbrite', () => {
	it('reads one programme object on its own, and leaves out components of a course', () => {
		const program = JSON.stringify({ programId: 'p-1', programType: 'program', name: [{ language: 'en-GB', value: 'Biology' }], mainLanguage: 'en-GB', link: 'https://example.org/biology' });
		expect(detectFormat(program, 'program.json')).toBe('ooapi');
		const read = parseImport('ooapi', program, options());
		expect(read.records).toMatchObject([{ sourceId: 'p-1', title: { en: 'Biology' }, languages: ['en'] }]);
		const offerings = JSON.stringify({ items: [
			{ offeringId: 'o-1', offeringType: 'course', name: [{ language: 'nl-NL', value: 'Statistiek' }], startDate: '2030-09-01', endDate: '2030-11-01' },
			{ offeringId: 'o-2', offeringType: 'component', name: [{ language: 'nl-NL', value: 'Tentamen statistiek' }], startDate: '2030-11-02' }
		] });
		const result = parseImport('ooapi', offerings, options());
		expect(result.records.map((r) => r.sourceId)).toEqual(['o-1']);
		expect(result.warnings).toEqual([expect.objectContaining({ message: 'skipped: a component of a course, not a course or programme' })]);
	});

	it('recognises a single event, and says why a page of drafts gives nothing', () => {
		const event = { id: '1', name: { text: 'Data carpentry' }, start: { utc: '2030-05-01T08:00:00Z', timezone: 'UTC' }, end: { utc: '2030-05-01T12:00:00Z', timezone: 'UTC' }, listed: true, status: 'draft', online_event: true };
		expect(detectFormat(JSON.stringify(event), 'event.json')).toBe('eventbrite');
		const drafts = parseImport('eventbrite', JSON.stringify({ pagination: {}, events: [event] }), options());
		expect(drafts.records).toEqual([]);
		expect(drafts.errors[0]!.message).toBe('no event on the page can be imported: drafts and cancelled events are left out');
	});
});

describe('ELM', () => {
	it('takes an achievement’s period from the learning activity that led to it', () => {
		const credential = {
			'@context': ['https://www.w3.org/2018/credentials/v1', 'http://data.europa.eu/snb/model/context/edc-ap'],
			type: ['VerifiableCredential', 'EuropeanDigitalCredential'],
			credentialSubject: {
				type: 'Person',
				hasClaim: [
					{
						id: 'urn:epass:learningAchievement:1',
						type: 'LearningAchievement',
						title: { 'en': ['Digital micro-credential creation'] },
						influencedBy: [{ id: 'urn:epass:activity:1', type: 'LearningActivity', title: { en: ['Workshop'] }, temporal: { type: 'PeriodOfTime', startDate: '2030-05-05T07:00:00Z', endDate: '2030-06-06T15:00:00Z' } }],
						specifiedBy: { id: 'urn:epass:learningAchievementSpec:1', type: 'LearningAchievementSpecification', title: { en: ['Digital micro-credential creation'] } }
					}
				]
			}
		};
		const result = parseImport('elm', JSON.stringify(credential), options());
		expect(result.records).toHaveLength(1);
		expect(result.records[0]).toMatchObject({ title: { en: 'Digital micro-credential creation' }, startsAt: '2030-05-05T07:00:00Z', endsAt: '2030-06-06T15:00:00Z' });
	});
});
