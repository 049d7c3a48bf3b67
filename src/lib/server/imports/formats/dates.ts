import { zonedToInstant } from '../../../time/zones';

/**
 * Dates as sources write them: ISO 8601 with or without offset, iCalendar's `20220112T110000`,
 * `2022-01-12 11:00`, `12/01/2022`, Excel serial numbers, English text. A time without a zone is a
 * wall-clock time in the zone the caller gives (the event's, else the city's).
 */
export interface ParsedDate {
	instant: Date;
	/** The source gave a day without a time (all-day, or a course that "runs 8-9 June"). */
	dateOnly: boolean;
	/** Written as local midnight with no offset (`2023-03-24T00:00:00`): often a day in disguise, see `asDays`. */
	localMidnight?: boolean;
}

export type DateOrder = 'dmy' | 'mdy';

const zoneValidity = new Map<string, boolean>();
export function isValidTimeZone(zone: string | null | undefined): boolean {
	if (!zone) return false;
	let valid = zoneValidity.get(zone);
	if (valid === undefined) {
		try {
			new Intl.DateTimeFormat('en', { timeZone: zone });
			valid = true;
		} catch {
			// Intl throws a RangeError for a zone it does not know; that is the answer, not a failure.
			valid = false;
		}
		zoneValidity.set(zone, valid);
	}
	return valid;
}

/** A zone as people write it in a spreadsheet: an IANA name, or its city (`Melbourne`, `new york`). */
export function zoneByName(name: string): string | undefined {
	if (isValidTimeZone(name)) return name;
	const city = name.trim().toLowerCase().replace(/\s+/g, '_');
	return Intl.supportedValuesOf('timeZone').find((zone) => zone.toLowerCase().split('/').pop() === city);
}

const TIME_ONLY = /^(\d{1,2})(?:[:.h](\d{2}))?(?::(\d{2}))?\s*([ap])?\.?\s*(m\.?)?$/i;

/**
 * A time of day without a day (`12:00 PM`, `14:30`, `9am`, `14h00`) as 24-hour `HH:MM:SS`, for
 * spreadsheets that keep the day in a column of its own; undefined for anything else (a bare number
 * is not a time).
 */
export function timeOfDay(value: string | undefined): string | undefined {
	const match = TIME_ONLY.exec(value?.trim() ?? '');
	if (!match || (match[2] === undefined && !match[4])) return undefined;
	let hour = Number(match[1]);
	const minute = Number(match[2] ?? 0);
	const meridiem = match[4]?.toLowerCase();
	if (meridiem && (hour < 1 || hour > 12)) return undefined;
	if (meridiem === 'p' && hour < 12) hour += 12;
	if (meridiem === 'a' && hour === 12) hour = 0;
	if (hour > 23 || minute > 59) return undefined;
	return `${pad(hour)}:${pad(minute)}:${match[3] ?? '00'}`;
}

/** `2022-04-04T01:30:00Z`: the form records carry (no milliseconds, always UTC). */
export function toIsoInstant(date: Date): string {
	return date.toISOString().replace(/\.000Z$/, 'Z');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A wall-clock time in a zone to the instant; undefined for an impossible date (31 February). */
export function wallClockToInstant(year: number, month: number, day: number, hour: number, minute: number, second: number, zone: string): Date | undefined {
	const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
	if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 24 || minute > 59 || second > 60) {
		return undefined;
	}
	if (zone === 'UTC' || zone === 'Etc/UTC') return probe;
	return zonedToInstant(`${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`, zone);
}

function offsetInstant(year: number, month: number, day: number, hour: number, minute: number, second: number, offset: string): Date | undefined {
	const probe = wallClockToInstant(year, month, day, hour, minute, second, 'UTC');
	if (!probe) return undefined;
	if (offset === 'Z' || offset === 'z') return probe;
	const match = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
	if (!match) return undefined;
	const minutes = (Number(match[2]) * 60 + Number(match[3])) * (match[1] === '-' ? -1 : 1);
	return new Date(probe.getTime() - minutes * 60_000);
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?)?(Z)?$/i;
const NUMERIC = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?:[ T,]+(\d{1,2})[:.h](\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i;
const EXCEL_SERIAL = /^\d{5}(\.\d+)?$/;

export function parseDateTime(value: unknown, zone: string, order: DateOrder = 'dmy'): ParsedDate | undefined {
	if (typeof value === 'number') value = String(value);
	if (typeof value !== 'string') return undefined;
	// A day with a dangling time separator (`2017-04-15T`) is still that day.
	const text = value.trim().replace(/^(\d{4}-\d{1,2}-\d{1,2})T$/i, '$1');
	if (!text) return undefined;

	const iso = ISO.exec(text) ?? COMPACT.exec(text);
	if (iso) {
		const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(iso[i] ?? 0)) as [number, number, number, number, number, number];
		const dateOnly = iso[4] === undefined;
		const offset = iso[7];
		const instant = offset
			? offsetInstant(year, month, day, hour, minute, second, offset)
			: wallClockToInstant(year, month, day, hour, minute, second, zone);
		const localMidnight = !dateOnly && !offset && hour === 0 && minute === 0 && second === 0;
		return instant ? { instant, dateOnly, ...(localMidnight ? { localMidnight } : {}) } : undefined;
	}

	const numeric = NUMERIC.exec(text);
	if (numeric) {
		const [first, second] = [Number(numeric[1]), Number(numeric[2])];
		const [day, month] = order === 'dmy' ? [first, second] : [second, first];
		const year = numeric[3]!.length === 2 ? 2000 + Number(numeric[3]) : Number(numeric[3]);
		let hour = Number(numeric[4] ?? 0);
		const meridiem = numeric[7]?.toLowerCase();
		if (meridiem === 'pm' && hour < 12) hour += 12;
		if (meridiem === 'am' && hour === 12) hour = 0;
		const instant = wallClockToInstant(year, month, day, hour, Number(numeric[5] ?? 0), Number(numeric[6] ?? 0), zone);
		return instant ? { instant, dateOnly: numeric[4] === undefined } : undefined;
	}

	if (EXCEL_SERIAL.test(text)) {
		const serial = Number(text);
		// Excel counts days from 1899-12-30 (after its 1900 leap-year bug); only plausible event years are taken.
		if (serial < 20_000 || serial > 80_000) return undefined;
		const wall = new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86_400) * 1000);
		const instant = wallClockToInstant(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds(), zone);
		return instant ? { instant, dateOnly: Number.isInteger(serial) } : undefined;
	}

	// Text dates ("12 January 2022 11:00", "Wed, 12 Jan 2022 11:00:00 GMT"): the engine reads them, in
	// its own zone when the text names none, so the wall-clock parts are taken back into the event's zone.
	if (!/[a-z]{3}/i.test(text)) return undefined;
	const parsed = new Date(text);
	if (Number.isNaN(parsed.getTime())) return undefined;
	if (/\b(GMT|UTC|Z)\b|[+-]\d{2}:?\d{2}\b/i.test(text)) return { instant: parsed, dateOnly: false };
	const hasTime = /\d{1,2}:\d{2}/.test(text);
	const instant = wallClockToInstant(parsed.getFullYear(), parsed.getMonth() + 1, parsed.getDate(), parsed.getHours(), parsed.getMinutes(), parsed.getSeconds(), zone);
	return instant ? { instant, dateOnly: !hasTime } : undefined;
}

/**
 * Which way round a file writes `01/02/2027`: a first number above 12 proves day-first, a second one
 * above 12 proves month-first. Undefined when no value tells (or they contradict each other).
 */
export function detectDateOrder(values: Iterable<string>): DateOrder | undefined {
	let dayFirst = false;
	let monthFirst = false;
	for (const value of values) {
		const match = NUMERIC.exec(value.trim());
		if (!match) continue;
		if (Number(match[1]) > 12) dayFirst = true;
		if (Number(match[2]) > 12) monthFirst = true;
	}
	if (dayFirst === monthFirst) return undefined;
	return dayFirst ? 'dmy' : 'mdy';
}

/** Whether a value is written as `a/b/yyyy` with both numbers 12 or less (so its order matters). */
export function isAmbiguousNumericDate(value: string): boolean {
	const match = NUMERIC.exec(value.trim());
	return Boolean(match && Number(match[1]) <= 12 && Number(match[2]) <= 12 && match[1] !== match[2]);
}

/** ISO 8601 durations (`P1DT6H`, `P2W`, `PT90M`) in milliseconds; months count 30 days and years 365. */
export function parseIsoDuration(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const match = /^([+-])?P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i.exec(
		value.trim()
	);
	if (!match || value.trim().toUpperCase() === 'P' || /T$/i.test(value.trim())) return undefined;
	const n = (i: number) => Number((match[i] ?? '0').replace(',', '.'));
	const days = n(2) * 365 + n(3) * 30 + n(4) * 7 + n(5);
	const ms = ((days * 24 + n(6)) * 60 + n(7)) * 60_000 + n(8) * 1000;
	return match[1] === '-' ? -ms : ms;
}

/** The calendar day an instant falls on in a zone. */
export function dayInZone(instant: Date, zone: string): [number, number, number] {
	const text = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
	return text.split('-').map(Number) as [number, number, number];
}

/** Midnight at the start of the day after the one the instant falls on, on the zone's clock. */
export function startOfNextDay(instant: Date, zone: string): Date {
	const [year, month, day] = dayInZone(instant, zone);
	const next = new Date(Date.UTC(year, month - 1, day + 1));
	return wallClockToInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, 0, zone) ?? new Date(instant.getTime() + 86_400_000);
}

/**
 * A range whose ends are both written as local midnight (`startDate 2023-03-20T00:00:00`, `endDate
 * 2023-03-24T00:00:00`) names days: generators that only know dates pad them with a zero time, and
 * reading them as instants would cut the last day off (or make a one-day course last no time). A
 * single midnight start with no end is a day too. A real time anywhere keeps both as instants.
 */
export function asDays<T extends ParsedDate | undefined>(start: T, end: T): [T, T] {
	if (!start?.localMidnight || (end && !end.localMidnight && !end.dateOnly)) return [start, end];
	return [{ ...start, dateOnly: true }, end ? { ...end, dateOnly: true } : end] as [T, T];
}

/** The end of a range: a date-only end ("until 9 June") is exclusive, so it ends when 10 June begins. */
export function exclusiveEnd(date: ParsedDate, zone: string): Date {
	return date.dateOnly ? startOfNextDay(date.instant, zone) : date.instant;
}
