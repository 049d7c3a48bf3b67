import { describe, expect, it } from 'vitest';
import { parseOoapi } from './ooapi';
import { options } from './test-support';

const offerings = {
	pageSize: 10,
	pageNumber: 1,
	hasPreviousPage: false,
	hasNextPage: false,
	items: [
		{
			offeringId: '123e4567-e89b-12d3-a456-426614174000',
			primaryCode: { codeType: 'offeringCode', code: 'INFOMQNM-20FS' },
			offeringType: 'course',
			name: [
				{ language: 'nl-NL', value: 'Onderzoeksmethoden' },
				{ language: 'en-GB', value: 'Research methods' }
			],
			description: [{ language: 'en-GB', value: 'Learn to **measure**.' }],
			teachingLanguage: 'nld',
			modeOfDelivery: ['situated'],
			startDate: '2030-09-01',
			endDate: '2030-11-01',
			maxNumberStudents: 200,
			link: 'https://osiris.example.nl/course/INFOMQNM',
			priceInformation: [{ costType: 'total costs', amount: 350, currency: 'EUR' }, { costType: 'total costs', amount: 1200, currency: 'EUR' }],
			addresses: [{ addressType: 'teaching', street: 'Heidelberglaan', streetNumber: '8', postalCode: '3584 CS', city: 'Utrecht', countryCode: 'NL', geolocation: { latitude: 52.08, longitude: 5.17 } }]
		},
		{ offeringId: 'o2', name: [{ language: 'en-GB', value: 'Online statistics' }], teachingLanguage: 'eng', modeOfDelivery: 'online', startDate: '2030-10-01', endDate: '2030-10-31' },
		{ offeringId: 'o3', name: [], teachingLanguage: 'eng' }
	]
};

describe('OOAPI', () => {
	it('reads offerings with language arrays, modes, prices and addresses', () => {
		const result = parseOoapi(JSON.stringify(offerings), options());
		expect(result.errors).toEqual([{ record: 'items[2] (o3)', message: 'it has no title' }]);
		const [situated, online] = result.records;
		expect(situated).toMatchObject({
			sourceId: '123e4567-e89b-12d3-a456-426614174000',
			title: { nl: 'Onderzoeksmethoden', en: 'Research methods' },
			description: { en: 'Learn to **measure**.' },
			languages: ['nl'],
			startsAt: '2030-08-31T22:00:00Z',
			endsAt: '2030-11-01T23:00:00Z',
			mode: 'in_person',
			location: { address: 'Heidelberglaan 8, 3584 CS Utrecht, NL', lat: 52.08, lon: 5.17 },
			url: 'https://osiris.example.nl/course/INFOMQNM',
			capacity: 200,
			price: { amount: 350, currency: 'EUR' },
			type: 'course'
		});
		expect(online).toMatchObject({ title: { en: 'Online statistics' }, languages: ['en'], mode: 'online' });
	});

	it('reports files it cannot read', () => {
		expect(parseOoapi('{"pageSize": 10}', options()).errors).toEqual([{ record: 'file', message: 'not an OOAPI page: there is no "items" list of courses or offerings' }]);
		expect(parseOoapi('not json', options()).errors).toEqual([{ record: 'file', message: 'not valid JSON' }]);
	});
});
