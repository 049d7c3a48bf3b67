import { describe, expect, it } from 'vitest';
import { parseMoochub } from './moochub';
import { options, sample } from './test-support';

const v1 = {
	links: { self: 'https://mooin.example/moochub' },
	data: [
		{
			id: 'mooin-42',
			type: 'courses',
			attributes: {
				name: 'Datenschutz für Jugendliche',
				courseCode: 'DS42',
				courseMode: 'MOOC',
				languages: 'de',
				startDate: '2030-02-01',
				endDate: '2030-03-15',
				url: 'https://mooin.example/course/42',
				image: 'https://mooin.example/42.png',
				abstract: 'Kurz',
				description: '<p>Lang <em>und</em> gut</p>',
				moocProvider: { name: 'oncampus', url: 'https://oncampus.de' }
			}
		},
		{ id: 'broken', type: 'courses' }
	]
};

const v3 = {
	data: [
		{
			id: 'ki-1',
			type: 'Course',
			attributes: {
				name: 'AI basics',
				inLanguage: ['en', 'de'],
				startDate: ['2030-01-10T09:00:00Z', '2030-06-10T09:00:00Z'],
				endDate: ['2030-02-10T17:00:00Z', '2030-07-10T17:00:00Z'],
				image: { type: 'ImageObject', contentUrl: 'https://ki.example/1.png' },
				teaches: [
					{ name: [{ inLanguage: 'en', name: 'Programming' }], shortCode: '3.4', educationalFramework: 'DigComp', educationalFrameworkVersion: '2.2' },
					{ name: [{ inLanguage: 'en', name: 'Curiosity' }], educationalFramework: 'ESCO', url: 'http://data.europa.eu/esco/skill/e9a4f6a2-3d5b-4a5a-9f6e-0f6a1c4b8e01' },
					{ name: [{ inLanguage: 'en', name: 'Prompting' }], educationalFramework: 'Other' }
				],
				creator: [{ type: 'Person', name: 'Ada' }, { type: 'Organization', name: 'KI-Campus' }],
				offer: [{ price: 49, priceCurrency: 'EUR', category: 'certificate' }, { price: 19.9, priceCurrency: 'EUR', category: 'course' }],
				duration: 'P4W'
			}
		},
		{ id: 'self', type: 'Course', attributes: { name: 'Self-paced', inLanguage: ['nl'], access: ['free'] } }
	]
};

describe('MOOChub', () => {
	it('reads v1 single values', () => {
		const result = parseMoochub(JSON.stringify(v1), options());
		expect(result.errors).toEqual([{ record: 'data[1] (broken)', message: 'not a course: it has no "attributes"' }]);
		expect(result.records[0]).toMatchObject({
			sourceId: 'mooin-42',
			title: { de: 'Datenschutz für Jugendliche' },
			description: { de: 'Lang *und* gut' },
			languages: ['de'],
			startsAt: '2030-01-31T23:00:00Z',
			endsAt: '2030-03-15T23:00:00Z',
			mode: 'online',
			url: 'https://mooin.example/course/42',
			imageUrl: 'https://mooin.example/42.png',
			organiser: 'oncampus',
			type: 'course'
		});
	});

	it('reads v3 lists: parallel runs become sessions, skills match frameworks, the course price counts', () => {
		const result = parseMoochub(JSON.stringify(v3), options());
		expect(result.errors).toEqual([]);
		const [ai, selfPaced] = result.records;
		expect(ai).toMatchObject({
			title: { en: 'AI basics' },
			languages: ['en', 'de'],
			sessions: [
				{ startsAt: '2030-01-10T09:00:00Z', endsAt: '2030-02-10T17:00:00Z' },
				{ startsAt: '2030-06-10T09:00:00Z', endsAt: '2030-07-10T17:00:00Z' }
			],
			startsAt: '2030-01-10T09:00:00Z',
			endsAt: '2030-07-10T17:00:00Z',
			skills: ['digcomp:3.4', 'esco-transversal:T1.1'],
			keywords: ['Prompting'],
			organiser: 'KI-Campus',
			price: { amount: 19.9, currency: 'EUR' },
			imageUrl: 'https://ki.example/1.png',
			mode: 'online'
		});
		expect(selfPaced).toMatchObject({ alwaysOpen: true, free: true, type: 'self_paced_online', languages: ['nl'], title: { nl: 'Self-paced' } });
	});

	it('reports files it cannot read', () => {
		expect(parseMoochub('nope', options()).errors).toEqual([{ record: 'file', message: 'not valid JSON' }]);
		expect(parseMoochub('{"links":{}}', options()).errors).toEqual([{ record: 'file', message: 'not a MOOChub catalogue: there is no "data" list' }]);
		expect(parseMoochub('{"data":[]}', options()).errors).toEqual([{ record: 'file', message: 'the catalogue lists no courses' }]);
	});

	it('reads the MOOChub v3 example (data as a single object)', () => {
		const result = parseMoochub(sample('mooc-catalogues/moochub-v3-courses-example.json').toString('utf8'), options());
		expect(result.errors).toEqual([]);
		expect(result.records).toHaveLength(1);
		expect(result.records[0]).toMatchObject({
			sourceId: '8978f51e-770c-4d0a-a2e3-23fae8f6aa79',
			title: { en: 'Course - the complete example' },
			languages: ['en'],
			startsAt: '2021-01-13T08:00:00Z',
			endsAt: '2021-01-27T20:00:00Z',
			// An online course with a place to go to (its content location).
			mode: 'hybrid',
			location: { address: 'Hasso-Plattner-Institut, Prof.-Dr.-Helmert-Str. 2-3, 14482 Potsdam, DE', lat: 52.39370656679161, lon: 13.13338080181486 },
			url: 'https://open.hpi.de/courses/confidentialcommunication2021',
			organiser: 'openHPI',
			free: true,
			skills: ['digcomp:4.2'],
			type: 'course'
		});
		expect(result.records[0]!.description.en).toMatch(/^This is an example of an complete course\. .*\*\*NOT REAL\*\*/);
		expect(result.records[0]!.keywords).toEqual(expect.arrayContaining(['cyber security', 'mooc']));
	});
});
