import { describe, expect, it } from 'vitest';
import { failureFor, formDataToObject } from './forms';
import { AppError } from '../http/errors';

const form = (entries: [string, string][]) => {
	const data = new FormData();
	for (const [key, value] of entries) data.append(key, value);
	return data;
};

describe('formDataToObject', () => {
	it('nests dotted names, drops empty fields and reads numbers and arrays', () => {
		const data = form([
			['name', 'Breda'],
			['slug', '   '],
			['center.lat', '51,589'],
			['center.lon', '4.776'],
			['locales', 'nl'],
			['locales', 'en'],
			['tagline.en', 'Hello'],
			['tagline.nl', '']
		]);
		expect(formDataToObject(data, { arrays: ['locales'], numbers: ['center.lat', 'center.lon'] })).toEqual({
			name: 'Breda',
			center: { lat: 51.589, lon: 4.776 },
			locales: ['nl', 'en'],
			tagline: { en: 'Hello' }
		});
	});

	it('keeps a non-numeric number field as text so that validation reports it', () => {
		expect(formDataToObject(form([['age', 'twelve']]), { numbers: ['age'] })).toEqual({ age: 'twelve' });
	});

	it('gives an empty array for an unticked checkbox group and booleans for checkboxes', () => {
		expect(formDataToObject(form([['free', 'on']]), { arrays: ['locales'], booleans: ['free', 'online'] })).toEqual({
			locales: [],
			free: true,
			online: false
		});
	});
});

describe('failureFor', () => {
	it('turns field issues into field errors and leaves other details (record errors) to the page', () => {
		const fields = failureFor(new AppError('validation_failed', 'Invalid.', [{ path: 'title.en', code: 'too_big', message: 'Too long.' }]));
		expect(Object.keys(fields.data.errors)).toEqual(['title.en']);
		const records = failureFor(new AppError('import_unreadable', 'Nothing found.', [{ record: 'file', message: 'unknown format' }]));
		expect(records.status).toBe(422);
		expect(records.data.errors).toEqual({});
		expect(records.data.message).toBeTruthy();
	});
});
