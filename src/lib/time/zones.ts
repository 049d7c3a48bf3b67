/**
 * Local wall-clock times in a city's time zone, for forms (`<input type="datetime-local">` has no zone)
 * and pages. Uses Intl only: the offset of a zone at a moment is read from formatToParts.
 */
/** Building a formatter costs far more than using one: one per zone, kept (a few dozen zones at most). */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

function offsetMinutes(timeZone: string, at: Date): number {
	const parts = formatterFor(timeZone).formatToParts(at);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return Math.round((asUtc - at.getTime()) / 60_000);
}

/** `2030-03-14T14:00` in Europe/Amsterdam -> the instant (13:00Z). Undefined when malformed. */
export function zonedToInstant(local: string, timeZone: string): Date | undefined {
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
	if (!match) return undefined;
	const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
	const guess = Date.UTC(y, mo - 1, d, h, mi, s);
	// Two passes settle the offset around daylight-saving changes.
	let instant = guess - offsetMinutes(timeZone, new Date(guess)) * 60_000;
	instant = guess - offsetMinutes(timeZone, new Date(instant)) * 60_000;
	const result = new Date(instant);
	return Number.isNaN(result.getTime()) ? undefined : result;
}

/** The instant as `YYYY-MM-DDTHH:mm` on the wall clock of the time zone, for datetime-local inputs. */
export function instantToZoned(instant: Date | string | null | undefined, timeZone: string): string {
	if (!instant) return '';
	const date = new Date(instant);
	const shifted = new Date(date.getTime() + offsetMinutes(timeZone, date) * 60_000);
	return shifted.toISOString().slice(0, 16);
}
