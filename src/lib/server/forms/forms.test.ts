import { describe, expect, it } from 'vitest';
import { formDataToObject } from './forms';

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
