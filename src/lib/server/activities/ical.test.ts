import { describe, expect, it } from 'vitest';
import { calendar } from './ical';

describe('calendar', () => {
	const event = {
		uid: 'a1@learn.example.org',
		title: { en: 'Repair, reuse; rethink', nl: 'Repareren' },
		description: { en: 'Line one\nLine two with a backslash \\' },
		start: new Date('2030-03-14T13:00:00Z'),
		end: new Date('2030-03-14T16:00:00Z'),
		location: 'Stationsplein 1, Breda',
		url: 'https://learn.example.org/activities/a1',
		updatedAt: new Date('2030-01-01T00:00:00Z')
	};

	it('escapes text and uses UTC times with CRLF line ends', () => {
		const ics = calendar('Breda', [event], 'en', new Date('2030-01-02T00:00:00Z'));
		expect(ics).toContain('SUMMARY:Repair\\, reuse\\; rethink\r\n');
		expect(ics).toContain('DTSTART:20300314T130000Z\r\n');
		expect(ics).toContain('LOCATION:Stationsplein 1\\, Breda');
		expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
		expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0')).toBe(true);
	});

	it('uses the reader’s language and folds long lines without splitting characters', () => {
		const ics = calendar('Θεσσαλονίκη', [{ ...event, title: { el: 'Εργαστήριο '.repeat(20) } }], 'el');
		const unfolded = ics.replace(/\r\n /g, '');
		expect(unfolded).toContain(`SUMMARY:${'Εργαστήριο '.repeat(20)}`);
		expect(ics).not.toContain('\uFFFD');
	});
});
