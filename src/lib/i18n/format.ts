import { getLocale } from '$lib/paraglide/runtime';

/** Dates in the reader's language; the time zone is the platform's (UTC) unless a city's is given. */
export function formatDate(value: string | Date, timeZone = 'UTC'): string {
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone }).format(new Date(value));
}

export function formatDateTime(value: string | Date, timeZone = 'UTC'): string {
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(value));
}

/** "Fri 14 Mar 2030, 14:00 – 17:00" on the city's clock, in the reader's language. */
export function formatRange(start: string | Date, end: string | Date | null, timeZone: string): string {
	const locale = getLocale();
	const from = new Date(start);
	if (!end) return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(from);
	const to = new Date(end);
	const format = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone });
	return format.formatRange(from, to);
}

/** A figure in the reader's language ("1,234.5" or "1.234,5"), at most `digits` decimals. */
export function formatNumber(value: number, digits = 2): string {
	return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: digits }).format(value);
}

export function formatMoney(amount: number, currency: string): string {
	try {
		return new Intl.NumberFormat(getLocale(), { style: 'currency', currency }).format(amount);
	} catch {
		return `${amount.toFixed(2)} ${currency}`;
	}
}
