import { describe, expect, it } from 'vitest';
import { detectDateOrder, parseDateTime, parseIsoDuration, toIsoInstant } from './dates';
import { normaliseLanguage, normaliseLanguages } from './languages';
import { readLocalized } from './localized-text';
import { parseNumber } from './values';
import { guessActivityType, modeFromWords } from './vocabulary';

const iso = (value: unknown, zone = 'Europe/Amsterdam', order: 'dmy' | 'mdy' = 'dmy') => {
	const parsed = parseDateTime(value, zone, order);
	return parsed && { at: toIsoInstant(parsed.instant), dateOnly: parsed.dateOnly };
};

describe('dates', () => {
	it('reads the ways sources write dates, in the given zone when they name none', () => {
		expect(iso('2030-03-14T10:00:00+02:00')).toEqual({ at: '2030-03-14T08:00:00Z', dateOnly: false });
		expect(iso('2030-03-14T10:00')).toEqual({ at: '2030-03-14T09:00:00Z', dateOnly: false });
		expect(iso('2030-03-14 10:00')).toEqual({ at: '2030-03-14T09:00:00Z', dateOnly: false });
		expect(iso('20300314T100000')).toEqual({ at: '2030-03-14T09:00:00Z', dateOnly: false });
		expect(iso('20300314T100000Z')).toEqual({ at: '2030-03-14T10:00:00Z', dateOnly: false });
		expect(iso('2030-03-14')).toEqual({ at: '2030-03-13T23:00:00Z', dateOnly: true });
		expect(iso('14/03/2030 10:00')).toEqual({ at: '2030-03-14T09:00:00Z', dateOnly: false });
		expect(iso('03/14/2030 2:30 pm', 'Europe/Amsterdam', 'mdy')).toEqual({ at: '2030-03-14T13:30:00Z', dateOnly: false });
		expect(iso('14.03.2030')).toEqual({ at: '2030-03-13T23:00:00Z', dateOnly: true });
		// Excel: 47556 is 14 March 2030; .5 is noon.
		expect(iso('47556.5')).toEqual({ at: '2030-03-14T11:00:00Z', dateOnly: false });
		expect(iso('14 March 2030 10:00')).toEqual({ at: '2030-03-14T09:00:00Z', dateOnly: false });
		expect(iso('31/02/2030')).toBeUndefined();
		expect(iso('soon')).toBeUndefined();
	});

	it('decides the order of numeric dates from the values, and durations', () => {
		expect(detectDateOrder(['01/02/2030', '13/02/2030'])).toBe('dmy');
		expect(detectDateOrder(['01/02/2030', '02/13/2030'])).toBe('mdy');
		expect(detectDateOrder(['01/02/2030'])).toBeUndefined();
		expect(parseIsoDuration('P1DT6H')).toBe(30 * 3_600_000);
		expect(parseIsoDuration('P2W')).toBe(14 * 86_400_000);
		expect(parseIsoDuration('soon')).toBeUndefined();
	});
});

describe('languages, texts, numbers and words', () => {
	it('normalises language names and codes to ISO 639-1', () => {
		expect(['eng', 'en-GB', 'en_AU', 'English', 'http://publications.europa.eu/resource/authority/language/ENG', 'Nederlands', 'ελληνικά', 'Română', 'lit'].map(normaliseLanguage)).toEqual(['en', 'en', 'en', 'en', 'en', 'nl', 'el', 'ro', 'lt']);
		expect(normaliseLanguage('und')).toBeUndefined();
		expect(normaliseLanguages('en; nl, en')).toEqual(['en', 'nl']);
	});

	it('reads multilingual texts in every shape', () => {
		expect(readLocalized('Hallo', 'nl')).toEqual({ nl: 'Hallo' });
		expect(readLocalized({ en: 'Hello', fr: 'Bonjour' }, 'nl')).toEqual({ en: 'Hello', fr: 'Bonjour' });
		expect(readLocalized([{ '@language': 'en', '@value': 'Hello' }, { language: 'nl-NL', value: 'Hallo' }, { inLanguage: 'de', name: 'Guten Tag' }], 'nl')).toEqual({ en: 'Hello', nl: 'Hallo', de: 'Guten Tag' });
	});

	it('reads prices with decimal commas and thousands separators', () => {
		expect(['12,50', '1.234,56', '1,234.56', '€ 15', '1,000', 'free'].map(parseNumber)).toEqual([12.5, 1234.56, 1234.56, 15, 1000, undefined]);
	});

	it('guesses types and modes conservatively', () => {
		expect(guessActivityType(['Supercomputing', 'Workshop'])).toBe('workshop');
		expect(guessActivityType(['CourseInstance'])).toBe('course');
		expect(guessActivityType(['Biology'])).toBeUndefined();
		expect(modeFromWords(['onsite', 'synchronous'])).toBe('in_person');
		expect(modeFromWords(['online', 'onsite'])).toBe('hybrid');
		expect(modeFromWords(['https://schema.org/OnlineEventAttendanceMode'])).toBe('online');
	});
});
