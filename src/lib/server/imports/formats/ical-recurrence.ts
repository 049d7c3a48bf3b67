import { nthWeekday, wallMsOf } from './ical-zones';

/**
 * RRULE expansion (RFC 5545 3.3.10) for the rules calendars of courses and workshops use: FREQ
 * DAILY/WEEKLY/MONTHLY/YEARLY with INTERVAL, COUNT, UNTIL, BYDAY (with ordinals), BYMONTHDAY, BYMONTH
 * and BYSETPOS. Occurrences are computed on the event's wall clock (so a 10:00 class stays at 10:00
 * across daylight saving) as "wall milliseconds"; the caller turns them into instants.
 */
export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

export interface RecurrenceRule {
	freq: Frequency;
	interval: number;
	count?: number;
	/** UNTIL as an instant (when written in UTC) or as a wall-clock time (floating or a date, inclusive). */
	until?: { instantMs: number } | { wallMs: number };
	byDay: { weekday: number; nth?: number }[];
	byMonthDay: number[];
	byMonth: number[];
	bySetPos: number[];
	weekStart: number;
}

const DAY = 86_400_000;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
/** More than any real course calendar needs, and a bound on the work a hostile rule can cause. */
const MAX_PERIODS = 20_000;

/** The rule, or why it cannot be followed. */
export function parseRecurrenceRule(value: string): RecurrenceRule | string {
	const fields = new Map<string, string>();
	for (const pair of value.split(';')) {
		const [key, val] = pair.split('=');
		if (key && val !== undefined) fields.set(key.trim().toUpperCase(), val.trim().toUpperCase());
	}
	const freq = fields.get('FREQ');
	if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') return `FREQ=${freq ?? '(none)'} is not supported`;
	const unsupported = ['BYYEARDAY', 'BYWEEKNO', 'BYHOUR', 'BYMINUTE', 'BYSECOND'].filter((key) => fields.has(key));
	if (unsupported.length) return `${unsupported.join(', ')} is not supported`;
	// Some calendar servers write lists with spaces (`BYDAY=MO, TU, WE`).
	const list = (key: string) => (fields.get(key) ?? '').split(',').map((item) => item.trim()).filter(Boolean);
	const numbers = (key: string) => list(key).map(Number);
	const byDay: RecurrenceRule['byDay'] = [];
	for (const item of list('BYDAY')) {
		const match = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(item);
		if (!match) return `BYDAY=${item} is not understood`;
		byDay.push({ weekday: WEEKDAYS.indexOf(match[2]!), ...(match[1] ? { nth: Number(match[1]) } : {}) });
	}
	const rule: RecurrenceRule = {
		freq,
		interval: Math.max(1, Number(fields.get('INTERVAL') ?? 1) || 1),
		byDay,
		byMonthDay: numbers('BYMONTHDAY').filter((n) => n !== 0 && Math.abs(n) <= 31),
		byMonth: numbers('BYMONTH').filter((n) => n >= 1 && n <= 12),
		bySetPos: numbers('BYSETPOS').filter((n) => n !== 0),
		weekStart: Math.max(0, WEEKDAYS.indexOf(fields.get('WKST') ?? 'MO'))
	};
	const count = Number(fields.get('COUNT'));
	if (fields.has('COUNT') && (!Number.isInteger(count) || count < 1)) return `COUNT=${fields.get('COUNT')} is not a number of occurrences`;
	if (fields.has('COUNT')) rule.count = count;
	const until = fields.get('UNTIL');
	if (until) {
		const wall = wallMsOf(until);
		if (wall === undefined) return `UNTIL=${until} is not a date`;
		// A date-only UNTIL includes that whole day.
		rule.until = until.endsWith('Z') ? { instantMs: wall } : { wallMs: until.includes('T') ? wall : wall + DAY - 1 };
	}
	return rule;
}

/**
 * Occurrence starts (wall ms), from the first one (DTSTART itself) on, until the rule ends or the
 * horizon is passed; `toInstant` reads UNTIL given in UTC.
 */
export function expandRecurrence(rule: RecurrenceRule, startWall: number, horizonWall: number, toInstant: (wallMs: number) => Date | undefined): number[] {
	const start = new Date(startWall);
	const timeOfDay = startWall - Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
	const occurrences: number[] = [];
	for (let period = 0; period < MAX_PERIODS; period++) {
		const days = candidateDays(rule, start, period);
		if (days === undefined) break;
		for (const day of days) {
			const wall = day + timeOfDay;
			if (wall < startWall) continue;
			if (wall > horizonWall || beyondUntil(rule, wall, toInstant)) return occurrences;
			occurrences.push(wall);
			if (rule.count !== undefined && occurrences.length >= rule.count) return occurrences;
		}
		if (periodStart(rule, start, period) > horizonWall) break;
	}
	return occurrences;
}

function beyondUntil(rule: RecurrenceRule, wall: number, toInstant: (wallMs: number) => Date | undefined): boolean {
	if (!rule.until) return false;
	if ('wallMs' in rule.until) return wall > rule.until.wallMs;
	const instant = toInstant(wall);
	return instant !== undefined && instant.getTime() > rule.until.instantMs;
}

/** The first day (wall ms, midnight) of the n-th period of the rule. */
function periodStart(rule: RecurrenceRule, start: Date, period: number): number {
	const y = start.getUTCFullYear();
	const m = start.getUTCMonth();
	const d = start.getUTCDate();
	const step = period * rule.interval;
	switch (rule.freq) {
		case 'DAILY':
			return Date.UTC(y, m, d + step);
		case 'WEEKLY': {
			const back = (start.getUTCDay() - rule.weekStart + 7) % 7;
			return Date.UTC(y, m, d - back + step * 7);
		}
		case 'MONTHLY':
			return Date.UTC(y, m + step, 1);
		case 'YEARLY':
			return Date.UTC(y + step, 0, 1);
	}
}

/** The days of one period that the rule selects, in order. */
function candidateDays(rule: RecurrenceRule, start: Date, period: number): number[] | undefined {
	const first = periodStart(rule, start, period);
	const firstDate = new Date(first);
	let days: number[];
	switch (rule.freq) {
		case 'DAILY':
			days = [first].filter((day) => matchesLimits(rule, day, true));
			break;
		case 'WEEKLY': {
			const weekdays = rule.byDay.length ? rule.byDay.map((d) => d.weekday) : [start.getUTCDay()];
			days = Array.from({ length: 7 }, (_, i) => first + i * DAY)
				.filter((day) => weekdays.includes(new Date(day).getUTCDay()))
				.filter((day) => !rule.byMonth.length || rule.byMonth.includes(new Date(day).getUTCMonth() + 1));
			break;
		}
		case 'MONTHLY':
			days = rule.byMonth.length && !rule.byMonth.includes(firstDate.getUTCMonth() + 1) ? [] : daysInMonth(rule, firstDate.getUTCFullYear(), firstDate.getUTCMonth() + 1, start);
			break;
		case 'YEARLY': {
			const year = firstDate.getUTCFullYear();
			if (!rule.byMonth.length && rule.byDay.some((d) => d.nth) && !rule.byMonthDay.length) {
				days = weekdaysOfYear(rule, year);
			} else {
				const months = rule.byMonth.length ? rule.byMonth : rule.byDay.length && !rule.byMonthDay.length ? [] : [start.getUTCMonth() + 1];
				const monthList = months.length ? months : Array.from({ length: 12 }, (_, i) => i + 1);
				days = monthList.flatMap((month) => daysInMonth(rule, year, month, start));
			}
			break;
		}
	}
	days = [...new Set(days)].sort((a, b) => a - b);
	if (rule.bySetPos.length) days = rule.bySetPos.map((pos) => (pos > 0 ? days[pos - 1] : days[days.length + pos])).filter((d): d is number => d !== undefined).sort((a, b) => a - b);
	return days;
}

/** A DAILY rule's BY parts limit the days rather than add to them. */
function matchesLimits(rule: RecurrenceRule, day: number, checkWeekday: boolean): boolean {
	const date = new Date(day);
	if (rule.byMonth.length && !rule.byMonth.includes(date.getUTCMonth() + 1)) return false;
	if (rule.byMonthDay.length && !rule.byMonthDay.some((n) => n === date.getUTCDate() || n === date.getUTCDate() - monthLength(date) - 1)) return false;
	if (checkWeekday && rule.byDay.length && !rule.byDay.some((d) => d.weekday === date.getUTCDay())) return false;
	return true;
}

function monthLength(date: Date): number {
	return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
}

/** The selected days of one month: BYMONTHDAY and BYDAY (ordinals within the month), else DTSTART's day. */
function daysInMonth(rule: RecurrenceRule, year: number, month: number, start: Date): number[] {
	const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
	const dayMs = (day: number) => Date.UTC(year, month - 1, day);
	let days: number[] | undefined;
	if (rule.byMonthDay.length) {
		days = rule.byMonthDay.map((n) => (n > 0 ? n : length + n + 1)).filter((n) => n >= 1 && n <= length).map(dayMs);
	}
	if (rule.byDay.length) {
		if (days) {
			days = days.filter((day) => rule.byDay.some((d) => d.weekday === new Date(day).getUTCDay()));
		} else {
			days = rule.byDay.flatMap(({ weekday, nth }) => {
				if (nth) {
					const day = nthWeekday(year, month, weekday, nth);
					return new Date(day).getUTCMonth() === month - 1 ? [day] : [];
				}
				return Array.from({ length }, (_, i) => dayMs(i + 1)).filter((day) => new Date(day).getUTCDay() === weekday);
			});
		}
	}
	// Without BY parts the day of DTSTART repeats; months without that day (31 April) are skipped.
	return days ?? (start.getUTCDate() <= length ? [dayMs(start.getUTCDate())] : []);
}

/** YEARLY with BYDAY ordinals and no month: "the 20th Monday of the year". */
function weekdaysOfYear(rule: RecurrenceRule, year: number): number[] {
	const all = Array.from({ length: 366 }, (_, i) => Date.UTC(year, 0, 1 + i)).filter((day) => new Date(day).getUTCFullYear() === year);
	return rule.byDay.flatMap(({ weekday, nth }) => {
		const matching = all.filter((day) => new Date(day).getUTCDay() === weekday);
		if (!nth) return matching;
		const picked = nth > 0 ? matching[nth - 1] : matching[matching.length + nth];
		return picked === undefined ? [] : [picked];
	});
}
