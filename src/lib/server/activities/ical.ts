import { pickText, type LocalizedText } from '../../i18n/locales';
import { markdownToText } from './markdown';

/**
 * iCalendar (RFC 5545) output: one VEVENT per activity, or one per session. Text is escaped (\\ ; , and
 * newlines), lines are folded at 75 octets, and times are in UTC.
 */
export interface CalendarEvent {
	uid: string;
	title: LocalizedText;
	description: LocalizedText;
	start: Date;
	end: Date | null;
	location: string | null;
	url: string;
	updatedAt: Date;
	status?: 'CONFIRMED' | 'CANCELLED';
}

const escapeText = (text: string) => text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
const utc = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function fold(line: string): string {
	const bytes = Buffer.from(line, 'utf8');
	if (bytes.length <= 75) return line;
	const parts: string[] = [];
	let start = 0;
	while (start < bytes.length) {
		let end = Math.min(bytes.length, start + (start === 0 ? 75 : 74));
		// Never cut a multi-byte character in two.
		while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
		parts.push(bytes.subarray(start, end).toString('utf8'));
		start = end;
	}
	return parts.join('\r\n ');
}

export function calendar(name: string, events: CalendarEvent[], locale: string, now = new Date()): string {
	const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Cities of Learning//Activities//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(name)}`];
	for (const event of events) {
		const title = pickText(event.title, locale)?.text ?? '';
		const description = markdownToText(pickText(event.description, locale)?.text ?? '', 2000);
		lines.push(
			'BEGIN:VEVENT',
			`UID:${event.uid}`,
			`DTSTAMP:${utc(now)}`,
			`LAST-MODIFIED:${utc(event.updatedAt)}`,
			`DTSTART:${utc(event.start)}`,
			...(event.end ? [`DTEND:${utc(event.end)}`] : []),
			`SUMMARY:${escapeText(title)}`,
			`DESCRIPTION:${escapeText(`${description}\n\n${event.url}`)}`,
			...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
			`URL:${event.url}`,
			`STATUS:${event.status ?? 'CONFIRMED'}`,
			'END:VEVENT'
		);
	}
	lines.push('END:VCALENDAR');
	return `${lines.map(fold).join('\r\n')}\r\n`;
}
