import { describe, expect, it } from 'vitest';
import { resolveLocale } from './request-locale';

describe('resolveLocale', () => {
	it('prefers the account setting over everything else', () => {
		expect(resolveLocale({ userLocale: 'lt', cookieLocale: 'nl', cityDefaultLocale: 'it', acceptLanguage: 'el' })).toBe('lt');
	});
	it('then the picked language, then the city default, then the browser', () => {
		expect(resolveLocale({ cookieLocale: 'nl', cityDefaultLocale: 'it', acceptLanguage: 'el' })).toBe('nl');
		expect(resolveLocale({ cityDefaultLocale: 'it', acceptLanguage: 'el' })).toBe('it');
		expect(resolveLocale({ acceptLanguage: 'ro-RO,ro;q=0.9' })).toBe('ro');
	});
	it('ignores values that are not interface languages', () => {
		expect(resolveLocale({ userLocale: 'xx', cookieLocale: '<script>', acceptLanguage: 'fr' })).toBe('en');
	});
});
