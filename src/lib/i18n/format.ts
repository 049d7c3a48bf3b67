import { getLocale } from '$lib/paraglide/runtime';

/** Dates in the reader's language; the time zone is the platform's (UTC) unless a city's is given. */
export function formatDate(value: string | Date, timeZone = 'UTC'): string {
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone }).format(new Date(value));
}

export function formatDateTime(value: string | Date, timeZone = 'UTC'): string {
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(value));
}
