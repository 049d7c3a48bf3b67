import { AsyncLocalStorage } from 'node:async_hooks';
import { overwriteGetLocale } from '../../paraglide/runtime.js';
import { BASE_LOCALE, isLocale, localeFromAcceptLanguage, type Locale } from '../../i18n/locales';

/** The cookie a visitor's language choice is kept in (a signed-in person's is kept on their account). */
export const LOCALE_COOKIE = 'col_locale';

/**
 * The interface language of a request: the person's own setting (their account, else the language they
 * picked), then the default language of the city the page belongs to, then the browser's
 * Accept-Language, then English.
 */
export function resolveLocale(input: {
	userLocale?: string | null | undefined;
	cookieLocale?: string | undefined;
	cityDefaultLocale?: string | undefined;
	acceptLanguage?: string | null | undefined;
}): Locale {
	for (const candidate of [input.userLocale, input.cookieLocale, input.cityDefaultLocale]) {
		if (isLocale(candidate)) return candidate;
	}
	return localeFromAcceptLanguage(input.acceptLanguage) ?? BASE_LOCALE;
}

const requestLocale = new AsyncLocalStorage<Locale>();

// Paraglide's message functions ask getLocale(); on the server the answer is the current request's.
overwriteGetLocale(() => requestLocale.getStore() ?? BASE_LOCALE);

export function runWithLocale<T>(locale: Locale, fn: () => T): T {
	return requestLocale.run(locale, fn);
}
