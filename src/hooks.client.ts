import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { BASE_LOCALE, isLocale } from '$lib/i18n/locales';

// The server renders each page in the request's language and writes it to <html lang>; the browser
// keeps using that language until the next full page load.
overwriteGetLocale(() => {
	const lang = document.documentElement.lang;
	return isLocale(lang) ? lang : BASE_LOCALE;
});
