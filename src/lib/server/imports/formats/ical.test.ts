import { describe, expect, it } from 'vitest';
import { parseICalendar } from './ical';
import { options, sample } from './test-support';

const calendar = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR'].join('\r\n');

describe('iCalendar', () => {
	it('unfolds lines, reads quoted parameters and undoes text escapes', () => {
		const result = parseICalendar(
			calendar(
				'BEGIN:VEVENT',
				'UID:fold-1@example.org',
				'SUMMARY;LANGUAGE=en-GB:Robotics\\, coding \\; more',
				'DESCRIPTION:First line\\nSecond line with a back\\\\slash and a link https://exa',
				' mple.org/register.',
				'DTSTART;TZID=Europe/Vilnius:20300314T100000',
				'DTEND;TZID=Europe/Vilnius:20300314T120000',
				'ORGANIZER;CN="Code Club: Vilnius":mailto:club@example.org',
				'LOCATION:Gedimino pr. 9\\, Vilnius',
				'GEO:54.687;25.279',
				'CATEGORIES:Workshop,Robotics',
				'END:VEVENT'
			),
			options()
		);
		expect(result.errors).toEqual([]);
		const [event] = result.records;
		expect(event!.title).toEqual({ en: 'Robotics, coding ; more' });
		expect(event!.languages).toEqual(['en']);
		expect(event!.description.en).toBe('First line  \nSecond line with a back\\slash and a link https://example.org/register.');
		expect(event!.startsAt).toBe('2030-03-14T08:00:00Z');
		expect(event!.endsAt).toBe('2030-03-14T10:00:00Z');
		expect(event!.organiser).toBe('Code Club: Vilnius');
		expect(event!.mode).toBe('in_person');
		expect(event!.location).toEqual({ address: 'Gedimino pr. 9, Vilnius', lat: 54.687, lon: 25.279 });
		expect(event!.url).toBe('https://example.org/register');
		expect(event!.sourceUrl).toBeNull();
		expect(event!.keywords).toEqual(['Workshop', 'Robotics']);
		expect(event!.type).toBe('workshop');
		expect(event!.sourceId).toBe('fold-1@example.org');
	});

	it('reads UTC, floating (calendar zone, else the default), Windows zone names and all-day events', () => {
		const result = parseICalendar(
			calendar(
				'X-WR-TIMEZONE:Europe/Athens',
				'BEGIN:VEVENT', 'UID:utc', 'SUMMARY:UTC', 'DTSTART:20300601T090000Z', 'DURATION:PT1H30M', 'END:VEVENT',
				'BEGIN:VEVENT', 'UID:floating', 'SUMMARY:Floating', 'DTSTART:20300601T090000', 'DTEND:20300601T100000', 'END:VEVENT',
				'BEGIN:VEVENT', 'UID:windows', 'SUMMARY:Windows', 'DTSTART;TZID="W. Europe Standard Time":20300601T090000', 'END:VEVENT',
				'BEGIN:VEVENT', 'UID:allday', 'SUMMARY:All day', 'DTSTART;VALUE=DATE:20300601', 'DTEND;VALUE=DATE:20300603', 'END:VEVENT',
				'BEGIN:VEVENT', 'UID:oneday', 'SUMMARY:One day', 'DTSTART;VALUE=DATE:20301027', 'END:VEVENT'
			),
			options()
		);
		const byId = Object.fromEntries(result.records.map((r) => [r.sourceId, r]));
		expect(byId.utc).toMatchObject({ startsAt: '2030-06-01T09:00:00Z', endsAt: '2030-06-01T10:30:00Z' });
		expect(byId.floating).toMatchObject({ startsAt: '2030-06-01T06:00:00Z', endsAt: '2030-06-01T07:00:00Z' });
		expect(byId.windows).toMatchObject({ startsAt: '2030-06-01T07:00:00Z', endsAt: null });
		// Whole days in the calendar's zone (Athens, UTC+3 in summer), the end exclusive.
		expect(byId.allday).toMatchObject({ startsAt: '2030-05-31T21:00:00Z', endsAt: '2030-06-02T21:00:00Z' });
		// The day daylight saving ends is 25 hours long.
		expect(byId.oneday).toMatchObject({ startsAt: '2030-10-26T21:00:00Z', endsAt: '2030-10-27T22:00:00Z' });
	});

	it('follows a VTIMEZONE for a TZID it does not know, and says when it cannot', () => {
		const zone = [
			'BEGIN:VTIMEZONE', 'TZID:Custom Amsterdam',
			'BEGIN:STANDARD', 'DTSTART:19701025T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
			'BEGIN:DAYLIGHT', 'DTSTART:19700329T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
			'END:VTIMEZONE'
		];
		const result = parseICalendar(
			calendar(
				...zone,
				'BEGIN:VEVENT', 'UID:summer', 'SUMMARY:Summer', 'DTSTART;TZID=Custom Amsterdam:20300701T100000', 'END:VEVENT',
				'BEGIN:VEVENT', 'UID:winter', 'SUMMARY:Winter', 'DTSTART;TZID=Custom Amsterdam:20301201T100000', 'END:VEVENT',
				'BEGIN:VEVENT', 'UID:lightning', 'SUMMARY:Prefixed', 'DTSTART;TZID=/mozilla.org/20050126_1/Europe/Rome:20300701T100000', 'END:VEVENT',
				'BEGIN:VEVENT', 'UID:unknown', 'SUMMARY:Unknown', 'DTSTART;TZID=Mars/Olympus:20300701T100000', 'END:VEVENT'
			),
			options()
		);
		const byId = Object.fromEntries(result.records.map((r) => [r.sourceId, r]));
		expect(byId.summer!.startsAt).toBe('2030-07-01T08:00:00Z');
		expect(byId.winter!.startsAt).toBe('2030-12-01T09:00:00Z');
		expect(byId.lightning!.startsAt).toBe('2030-07-01T08:00:00Z');
		expect(byId.unknown!.startsAt).toBe('2030-07-01T08:00:00Z');
		expect(result.warnings).toContainEqual({ record: 'VEVENT 4 (UID unknown)', message: 'unknown time zone "Mars/Olympus": times read in Europe/Amsterdam' });
	});

	it('expands a weekly rule with BYDAY, EXDATE and a moved occurrence into sessions on the wall clock', () => {
		const result = parseICalendar(
			calendar(
				'BEGIN:VEVENT', 'UID:weekly@example.org', 'SUMMARY:Coding club',
				'DTSTART;TZID=Europe/Amsterdam:20300318T160000', 'DTEND;TZID=Europe/Amsterdam:20300318T173000',
				'RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE;COUNT=6',
				'EXDATE;TZID=Europe/Amsterdam:20300320T160000',
				'END:VEVENT',
				'BEGIN:VEVENT', 'UID:weekly@example.org', 'RECURRENCE-ID;TZID=Europe/Amsterdam:20300325T160000', 'SUMMARY:Coding club (moved)',
				'DTSTART;TZID=Europe/Amsterdam:20300326T100000', 'DTEND;TZID=Europe/Amsterdam:20300326T113000', 'END:VEVENT'
			),
			options({ now: new Date('2030-03-01T00:00:00Z') })
		);
		expect(result.records).toHaveLength(1);
		const [club] = result.records;
		// Mondays and Wednesdays from 18 March (6 dates), less 20 March; daylight saving starts on 31 March.
		expect(club!.sessions).toEqual([
			{ startsAt: '2030-03-18T15:00:00Z', endsAt: '2030-03-18T16:30:00Z' },
			{ startsAt: '2030-03-26T09:00:00Z', endsAt: '2030-03-26T10:30:00Z' },
			{ startsAt: '2030-03-27T15:00:00Z', endsAt: '2030-03-27T16:30:00Z' },
			{ startsAt: '2030-04-01T14:00:00Z', endsAt: '2030-04-01T15:30:00Z' },
			{ startsAt: '2030-04-03T14:00:00Z', endsAt: '2030-04-03T15:30:00Z' }
		]);
		expect(club!.startsAt).toBe('2030-03-18T15:00:00Z');
	});

	it('expands monthly and yearly rules with UNTIL, keeps to the window and caps the number of dates', () => {
		const result = parseICalendar(
			calendar(
				'BEGIN:VEVENT', 'UID:monthly', 'SUMMARY:Last Friday', 'DTSTART:20300125T170000Z', 'DTEND:20300125T190000Z', 'RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20300430T000000Z', 'END:VEVENT',
				'BEGIN:VEVENT', 'UID:daily', 'SUMMARY:Every day forever', 'DTSTART:20200101T080000Z', 'DTEND:20200101T090000Z', 'RRULE:FREQ=DAILY', 'END:VEVENT',
				'BEGIN:VEVENT', 'UID:yearly', 'SUMMARY:Open day', 'DTSTART;VALUE=DATE:20280915', 'RRULE:FREQ=YEARLY;INTERVAL=2', 'END:VEVENT'
			),
			options({ now: new Date('2030-01-01T00:00:00Z') })
		);
		const byId = Object.fromEntries(result.records.map((r) => [r.sourceId, r]));
		expect(byId.monthly!.sessions!.map((s) => s.startsAt)).toEqual(['2030-01-25T17:00:00Z', '2030-02-22T17:00:00Z', '2030-03-29T17:00:00Z', '2030-04-26T17:00:00Z']);
		expect(byId.daily!.sessions).toHaveLength(200);
		// A month back from "now" at most: the past years of the rule are not imported.
		expect(byId.daily!.sessions![0]!.startsAt).toBe('2029-12-01T08:00:00Z');
		expect(result.warnings).toContainEqual({ record: 'VEVENT 2 (UID daily)', message: 'the recurrence has more than 200 dates: only the first 200 are imported' });
		// Every two years from 2028: 2028 is past and 2032 beyond the two-year horizon.
		expect(byId.yearly!.sessions!.map((s) => s.startsAt)).toEqual(['2030-09-14T22:00:00Z']);
	});

	it('skips cancelled events, calls online places online, and prefers a richer HTML description', () => {
		const result = parseICalendar(
			calendar(
				'X-WR-CALNAME:Library of Breda',
				'BEGIN:VEVENT', 'UID:cancelled', 'SUMMARY:Gone', 'STATUS:CANCELLED', 'DTSTART:20300101T100000Z', 'END:VEVENT',
				'BEGIN:VEVENT', 'UID:zoom', 'SUMMARY:Webinar', 'DTSTART:20300101T100000Z', 'LOCATION:https://zoom.us/j/123', 'END:VEVENT',
				'BEGIN:VEVENT', 'UID:hybrid', 'SUMMARY:Both', 'DTSTART:20300101T100000Z', 'LOCATION:Chassé Theater', 'CONFERENCE;VALUE=URI:https://meet.example.org/x', 'END:VEVENT',
				'BEGIN:VEVENT', 'UID:html', 'SUMMARY:Rich', 'DTSTART:20300101T100000Z', 'DESCRIPTION:Read more on our site',
				'X-ALT-DESC;FMTTYPE=text/html:<p>Read <b>more</b> on <a href="https://example.org">our site</a></p><script>alert(1)</script>', 'END:VEVENT'
			),
			options()
		);
		expect(result.records.map((r) => r.sourceId)).toEqual(['zoom', 'hybrid', 'html']);
		expect(result.warnings).toContainEqual({ record: 'VEVENT 1 (UID cancelled)', message: 'skipped: the event is cancelled' });
		const [zoom, hybrid, html] = result.records;
		expect(zoom).toMatchObject({ mode: 'online', url: 'https://zoom.us/j/123', organiser: 'Library of Breda' });
		expect(zoom!.location).toBeUndefined();
		expect(hybrid).toMatchObject({ mode: 'hybrid', url: 'https://meet.example.org/x', location: { address: 'Chassé Theater', lat: null, lon: null } });
		expect(html!.description.nl).toBe('Read **more** on [our site](https://example.org)');
	});

	it('reports a broken file, an event without a start, and a file without events', () => {
		expect(parseICalendar('hello', options())).toEqual({ records: [], errors: [{ record: 'file', message: 'not an iCalendar file: it does not start with BEGIN:VCALENDAR' }] });
		const noStart = parseICalendar(calendar('BEGIN:VEVENT', 'UID:a', 'SUMMARY:A', 'END:VEVENT', 'BEGIN:VEVENT', 'UID:b', 'SUMMARY:B', 'DTSTART:20300101', 'END:VEVENT'), options());
		expect(noStart.errors).toEqual([{ record: 'VEVENT 1 (UID a)', message: 'it has no DTSTART' }]);
		expect(noStart.records.map((r) => r.sourceId)).toEqual(['b']);
		expect(parseICalendar(calendar(), options()).errors).toEqual([{ record: 'file', message: 'no events (VEVENT) found in the calendar' }]);
	});

	it('reads the Pawsey Supercomputing Centre export', () => {
		const result = parseICalendar(sample('icalendar/pawsey-supercomputing-centre-5cd096b58d0.ics').toString('utf8'), options({ defaultLocale: 'en' }));
		expect(result.errors).toEqual([]);
		expect(result.records).toHaveLength(1);
		const [event] = result.records;
		expect(event!.title.en).toBe('EoI 1-Day Introduction to AMD GPUs (AMD Instinct Architecture and ROCm)');
		// 09:30-16:00 in Perth (UTC+8).
		expect(event!.startsAt).toBe('2022-04-04T01:30:00Z');
		expect(event!.endsAt).toBe('2022-04-04T08:00:00Z');
		expect(event!.mode).toBe('online');
		expect(event!.location).toBeUndefined();
		expect(event!.url).toBe('https://pawsey.org.au/event/eoi-1-day-introduction-to-amd-gpus-amd-instinct-architecture-and-rocm/');
		expect(event!.organiser).toBe('Pawsey Supercomputing Centre');
		expect(event!.keywords).toEqual(['Supercomputing', 'Training', 'Webinar', 'Workshop']);
		expect(event!.description.en).toMatch(/^This is a hands-on, online event\. Places are limited/);
		expect(event!.sourceId).toBe('17701-1649064600-1649088000@pawsey.org.au');
	});
});
