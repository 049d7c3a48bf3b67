import { describe, expect, it } from 'vitest';
import { parseInstance } from './instance';
import { options } from './test-support';

const searchAnswer = {
	items: [
		{
			id: '0b9d3c1e-6a50-4c2b-9a51-1c1f2f3a4b5c',
			url: 'https://breda.example.org/activities/0b9d3c1e',
			title: { nl: 'Podcast maken', en: 'Making a podcast' },
			summary: { nl: 'Maak je eigen podcast.' },
			type: 'workshop',
			mode: 'hybrid',
			startsAt: '2030-04-01T13:00:00.000Z',
			endsAt: '2030-04-01T15:00:00.000Z',
			alwaysOpen: false,
			organisation: { id: 'f5b1', name: 'Stadsbibliotheek' },
			location: { address: 'Kloosterplein 5, Breda', lat: 51.59, lon: 4.78 },
			languages: ['nl'],
			ageMin: 14,
			ageMax: null,
			free: false,
			price: { amount: 5, currency: 'EUR' },
			skills: ['digcomp:3.1', 'someframework:9'],
			image: null
		},
		{ id: 'x', title: {}, mode: 'online' }
	],
	total: 2,
	totalIsExact: true,
	page: 1,
	limit: 20
};

describe('another instance of the platform', () => {
	it('takes activities as they are, keeping only skills our frameworks know', () => {
		const result = parseInstance(JSON.stringify(searchAnswer), options());
		expect(result.records[0]).toMatchObject({
			sourceId: '0b9d3c1e-6a50-4c2b-9a51-1c1f2f3a4b5c',
			sourceUrl: 'https://breda.example.org/activities/0b9d3c1e',
			title: { nl: 'Podcast maken', en: 'Making a podcast' },
			description: { nl: 'Maak je eigen podcast.' },
			type: 'workshop',
			mode: 'hybrid',
			startsAt: '2030-04-01T13:00:00Z',
			endsAt: '2030-04-01T15:00:00Z',
			organiser: 'Stadsbibliotheek',
			location: { address: 'Kloosterplein 5, Breda', lat: 51.59, lon: 4.78 },
			ageMin: 14,
			price: { amount: 5, currency: 'EUR' },
			skills: ['digcomp:3.1']
		});
		expect(result.warnings).toEqual([{ record: 'items[0] (0b9d3c1e-6a50-4c2b-9a51-1c1f2f3a4b5c)', message: 'skill "someframework:9" is not in our frameworks: left out' }]);
		expect(result.errors).toEqual([{ record: 'items[1] (x)', message: 'it has no title' }]);
	});

	it('reports files it cannot read', () => {
		expect(parseInstance('{"total": 0}', options()).errors).toEqual([{ record: 'file', message: 'not a list of activities: there is no "items" list' }]);
	});
});
