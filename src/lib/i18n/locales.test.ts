import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, pickText } from './locales';

describe('localeFromAcceptLanguage', () => {
	it('honours q-values and regional tags', () => {
		expect(localeFromAcceptLanguage('de-DE,de;q=0.9,nl-BE;q=0.8,en;q=0.5')).toBe('nl');
		expect(localeFromAcceptLanguage('en;q=0.1, el-GR')).toBe('el');
	});
	it('ignores unsupported and zero-weighted languages', () => {
		expect(localeFromAcceptLanguage('fr, lt;q=0')).toBeUndefined();
		expect(localeFromAcceptLanguage('')).toBeUndefined();
		expect(localeFromAcceptLanguage('garbage;;;q=x')).toBeUndefined();
	});
});

describe('pickText', () => {
	const text = { en: 'Workshop', nl: 'Werkplaats', it: '' };
	it('returns the wanted locale when present', () => {
		expect(pickText(text, 'nl')).toEqual({ text: 'Werkplaats', locale: 'nl' });
	});
	it('falls back along the chain, skipping blank values', () => {
		expect(pickText(text, 'it', ['nl'])).toEqual({ text: 'Werkplaats', locale: 'nl' });
		expect(pickText(text, 'ro')).toEqual({ text: 'Workshop', locale: 'en' });
	});
	it('uses any language when neither the locale nor English exists', () => {
		expect(pickText({ lt: 'Dirbtuvės' }, 'ro')).toEqual({ text: 'Dirbtuvės', locale: 'lt' });
		expect(pickText({}, 'en')).toBeUndefined();
	});
});
