import { isValidTimeZone, wallClockToInstant } from './dates';
import { propertiesNamed, property, textOf, type IcalComponent } from './ical-syntax';

/**
 * Which clock a TZID means. Most feeds use IANA names; Outlook and Exchange write Windows names
 * ("W. Europe Standard Time"), Lightning prefixes them ("/mozilla.org/20050126_1/Europe/Berlin"), and
 * some invent their own and describe them only in a VTIMEZONE block, whose offsets and yearly rules
 * are then followed. A TZID nothing explains is read in the default zone, and the record says so.
 */

/** Wall-clock times are carried as a UTC timestamp of the same digits ("wall milliseconds"). */
export type ToInstant = (wallMs: number) => Date | undefined;

export interface ZoneReading {
	toInstant: ToInstant;
	/** Set when the TZID could not be understood and the default zone was used instead. */
	assumption?: string;
}

/** Common Windows zone names (CLDR's windowsZones, the main territory of each). */
const WINDOWS_ZONES: Record<string, string> = {
	'W. Europe Standard Time': 'Europe/Berlin',
	'Romance Standard Time': 'Europe/Paris',
	'Central Europe Standard Time': 'Europe/Budapest',
	'Central European Standard Time': 'Europe/Warsaw',
	'GMT Standard Time': 'Europe/London',
	'Greenwich Standard Time': 'Atlantic/Reykjavik',
	'GTB Standard Time': 'Europe/Bucharest',
	'FLE Standard Time': 'Europe/Helsinki',
	'E. Europe Standard Time': 'Europe/Chisinau',
	'Kaliningrad Standard Time': 'Europe/Kaliningrad',
	'Russian Standard Time': 'Europe/Moscow',
	'Turkey Standard Time': 'Europe/Istanbul',
	'Belarus Standard Time': 'Europe/Minsk',
	'Israel Standard Time': 'Asia/Jerusalem',
	'Egypt Standard Time': 'Africa/Cairo',
	'South Africa Standard Time': 'Africa/Johannesburg',
	'W. Central Africa Standard Time': 'Africa/Lagos',
	'Morocco Standard Time': 'Africa/Casablanca',
	'Arabian Standard Time': 'Asia/Dubai',
	'India Standard Time': 'Asia/Kolkata',
	'China Standard Time': 'Asia/Shanghai',
	'Singapore Standard Time': 'Asia/Singapore',
	'Tokyo Standard Time': 'Asia/Tokyo',
	'Korea Standard Time': 'Asia/Seoul',
	'W. Australia Standard Time': 'Australia/Perth',
	'Cen. Australia Standard Time': 'Australia/Adelaide',
	'AUS Central Standard Time': 'Australia/Darwin',
	'E. Australia Standard Time': 'Australia/Brisbane',
	'AUS Eastern Standard Time': 'Australia/Sydney',
	'Tasmania Standard Time': 'Australia/Hobart',
	'New Zealand Standard Time': 'Pacific/Auckland',
	'Eastern Standard Time': 'America/New_York',
	'Central Standard Time': 'America/Chicago',
	'Mountain Standard Time': 'America/Denver',
	'US Mountain Standard Time': 'America/Phoenix',
	'Pacific Standard Time': 'America/Los_Angeles',
	'Alaskan Standard Time': 'America/Anchorage',
	'Hawaiian Standard Time': 'Pacific/Honolulu',
	'Atlantic Standard Time': 'America/Halifax',
	'Canada Central Standard Time': 'America/Regina',
	'SA Pacific Standard Time': 'America/Bogota',
	'E. South America Standard Time': 'America/Sao_Paulo',
	'Argentina Standard Time': 'America/Buenos_Aires',
	'UTC': 'UTC',
	'Coordinated Universal Time': 'UTC'
};

export function ianaZone(tzid: string): string | undefined {
	const name = tzid.trim().replace(/^"|"$/g, '');
	if (isValidTimeZone(name)) return name;
	const windows = WINDOWS_ZONES[name];
	if (windows) return windows;
	// Prefixed names: try the last three, then two, path segments ("/mozilla.org/.../Europe/Berlin").
	const segments = name.split('/').filter(Boolean);
	for (const count of [3, 2]) {
		const candidate = segments.slice(-count).join('/');
		if (segments.length >= count && candidate.includes('/') && isValidTimeZone(candidate)) return candidate;
	}
	return undefined;
}

export function zoneFor(tzid: string | undefined, timezones: Map<string, IcalComponent>, fallbackZone: string): ZoneReading {
	if (!tzid) return { toInstant: ianaClock(fallbackZone) };
	const iana = ianaZone(tzid);
	if (iana) return { toInstant: ianaClock(iana) };
	const definition = timezones.get(tzid);
	const location = definition && textOf(definition, 'X-LIC-LOCATION');
	if (location && ianaZone(location)) return { toInstant: ianaClock(ianaZone(location)!) };
	const observances = definition ? readObservances(definition) : [];
	if (observances.length) return { toInstant: (wallMs) => new Date(wallMs - offsetAt(observances, wallMs) * 60_000) };
	return { toInstant: ianaClock(fallbackZone), assumption: `unknown time zone "${tzid}": times read in ${fallbackZone}` };
}

export function ianaClock(zone: string): ToInstant {
	return (wallMs) => {
		const wall = new Date(wallMs);
		return wallClockToInstant(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds(), zone);
	};
}

interface Observance {
	/** When it first applies, on the wall clock. */
	startMs: number;
	/** Minutes east of UTC while it applies. */
	offsetTo: number;
	/** A yearly rule: in this month, on this weekday (0 = Sunday) of this week (negative: from the end). */
	yearly?: { month: number; weekday: number; nth: number } | { month: number; monthDay: number };
	until?: number;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

function readObservances(timezone: IcalComponent): Observance[] {
	const observances: Observance[] = [];
	for (const part of timezone.components.filter((c) => c.name === 'STANDARD' || c.name === 'DAYLIGHT')) {
		const start = wallMsOf(property(part, 'DTSTART')?.value);
		const offsetTo = utcOffsetMinutes(property(part, 'TZOFFSETTO')?.value);
		if (start === undefined || offsetTo === undefined) continue;
		const observance: Observance = { startMs: start, offsetTo };
		const rule = property(part, 'RRULE')?.value;
		if (rule) {
			const fields: Record<string, string | undefined> = Object.fromEntries(rule.split(';').map((pair) => pair.split('=') as [string, string]));
			const month = Number(fields.BYMONTH);
			const byDay = /^([+-]?\d)?(SU|MO|TU|WE|TH|FR|SA)$/.exec(fields.BYDAY ?? '');
			if (month >= 1 && month <= 12 && byDay) observance.yearly = { month, weekday: WEEKDAYS.indexOf(byDay[2]!), nth: Number(byDay[1] ?? 1) };
			else if (month >= 1 && month <= 12 && Number(fields.BYMONTHDAY)) observance.yearly = { month, monthDay: Number(fields.BYMONTHDAY) };
			observance.until = wallMsOf(fields.UNTIL);
		}
		observances.push(observance);
		// Extra onsets listed as RDATEs are separate one-off starts of the same offset.
		for (const rdate of propertiesNamed(part, 'RDATE').flatMap((p) => p.value.split(','))) {
			const extra = wallMsOf(rdate);
			if (extra !== undefined) observances.push({ startMs: extra, offsetTo });
		}
	}
	return observances;
}

/** The offset in force at a wall-clock time: that of the observance whose latest onset is the most recent. */
function offsetAt(observances: Observance[], wallMs: number): number {
	let best: { onset: number; offset: number } | undefined;
	for (const observance of observances) {
		const onset = latestOnset(observance, wallMs);
		if (onset !== undefined && (!best || onset > best.onset)) best = { onset, offset: observance.offsetTo };
	}
	// Before every onset: the earliest observance is the best guess.
	return best?.offset ?? [...observances].sort((a, b) => a.startMs - b.startMs)[0]!.offsetTo;
}

function latestOnset(observance: Observance, wallMs: number): number | undefined {
	if (observance.startMs > wallMs) return undefined;
	const rule = observance.yearly;
	if (!rule) return observance.startMs;
	const start = new Date(observance.startMs);
	const timeOfDay = observance.startMs - Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
	const year = new Date(wallMs).getUTCFullYear();
	for (const candidateYear of [year, year - 1]) {
		const day = 'monthDay' in rule ? Date.UTC(candidateYear, rule.month - 1, rule.monthDay) : nthWeekday(candidateYear, rule.month, rule.weekday, rule.nth);
		const onset = day + timeOfDay;
		if (onset <= wallMs && onset >= observance.startMs && (observance.until === undefined || onset <= observance.until)) return onset;
	}
	return observance.until !== undefined && observance.until <= wallMs ? observance.until : observance.startMs;
}

/** Midnight (wall ms) of the nth weekday of a month; negative n counts from the end of the month. */
export function nthWeekday(year: number, month: number, weekday: number, nth: number): number {
	if (nth > 0) {
		const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
		return Date.UTC(year, month - 1, 1 + ((weekday - first + 7) % 7) + (nth - 1) * 7);
	}
	const lastDate = new Date(Date.UTC(year, month, 0));
	const back = (lastDate.getUTCDay() - weekday + 7) % 7;
	return Date.UTC(year, month - 1, lastDate.getUTCDate() - back + (nth + 1) * 7);
}

/** `20220101T000000` (or a date) as wall milliseconds. */
export function wallMsOf(value: string | undefined): number | undefined {
	const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?Z?)?$/.exec(value?.trim() ?? '');
	if (!match) return undefined;
	const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
	return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** `+0100`, `-0530`, `+013000` -> minutes east of UTC. */
function utcOffsetMinutes(value: string | undefined): number | undefined {
	const match = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(value?.trim() ?? '');
	if (!match) return undefined;
	return (Number(match[2]) * 60 + Number(match[3])) * (match[1] === '-' ? -1 : 1);
}
