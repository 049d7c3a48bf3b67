/**
 * The period a dashboard covers: whole days in UTC, `from` and `to` both included. Stored and compared
 * as [start, end) instants so that SQL ranges need no end-of-day arithmetic.
 */
export interface Period {
	/** YYYY-MM-DD, as asked. */
	from: string;
	to: string;
	start: Date;
	/** The instant after the last day. */
	end: Date;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The last twelve whole months, this one included: trends then show twelve full bars. */
export function defaultPeriod(now: Date = new Date()): { from: string; to: string } {
	const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
	return { from: day(start), to: day(now) };
}

export function toPeriod(input: { from?: string; to?: string }, now: Date = new Date()): Period {
	const fallback = defaultPeriod(now);
	const from = input.from ?? (input.to ? day(new Date(Date.parse(`${input.to}T00:00:00Z`) - 364 * 86_400_000)) : fallback.from);
	const to = input.to ?? fallback.to;
	const start = new Date(`${from}T00:00:00Z`);
	const end = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
	return { from, to, start, end };
}

/** Every month (YYYY-MM) the period touches, in order: the x axis of the trends. */
export function monthsOf(period: Period): string[] {
	const months: string[] = [];
	const cursor = new Date(Date.UTC(period.start.getUTCFullYear(), period.start.getUTCMonth(), 1));
	while (cursor < period.end) {
		months.push(cursor.toISOString().slice(0, 7));
		cursor.setUTCMonth(cursor.getUTCMonth() + 1);
	}
	return months;
}
