import { describe, expect, it } from 'vitest';
import { parseSchemaOrg } from './schemaorg';
import { options, sample } from './test-support';

const graph = {
	'@context': 'https://schema.org',
	'@graph': [
		{ '@id': '#org', '@type': 'Organization', name: 'Youth Centre Turin' },
		{
			'@type': ['Course', 'LearningResource'],
			'@id': 'https://example.org/courses/robots',
			name: 'Robots for beginners',
			description: '<p>Build a <b>robot</b>.</p>',
			provider: { '@id': '#org' },
			inLanguage: { '@type': 'Language', name: 'Italian', alternateName: 'it' },
			typicalAgeRange: '12-16',
			teaches: [
				{ '@type': 'DefinedTerm', name: 'Programming', termCode: '3.4', inDefinedTermSet: { '@type': 'DefinedTermSet', name: 'DigComp 2.2' } },
				{ '@type': 'DefinedTerm', name: 'Teamwork' }
			],
			offers: { '@type': 'Offer', price: '0', priceCurrency: 'EUR' },
			hasCourseInstance: [
				{ '@id': '#run1' },
				{
					'@type': 'CourseInstance',
					'@id': '#run2',
					courseMode: 'online',
					startDate: '2030-05-01T15:00:00+02:00',
					endDate: '2030-05-01T17:00:00+02:00',
					location: { '@type': 'VirtualLocation', url: 'https://meet.example.org/robots' }
				}
			]
		},
		{
			'@type': 'CourseInstance',
			'@id': '#run1',
			startDate: '2030-04-01',
			endDate: '2030-04-02',
			location: {
				'@type': 'Place',
				name: 'Casa del Quartiere',
				address: { '@type': 'PostalAddress', streetAddress: 'Via Roma 1', postalCode: '10121', addressLocality: 'Torino', addressCountry: 'IT' },
				geo: { '@type': 'GeoCoordinates', latitude: 45.07, longitude: 7.68 }
			}
		}
	]
};

describe('schema.org JSON-LD', () => {
	it('gives one record per course instance from a @graph, resolving references', () => {
		const result = parseSchemaOrg(JSON.stringify(graph), options());
		expect(result.errors).toEqual([]);
		expect(result.records.map((r) => r.sourceId)).toEqual(['#run1', '#run2']);
		const [onsite, online] = result.records;
		expect(onsite).toMatchObject({
			title: { it: 'Robots for beginners' },
			description: { it: 'Build a **robot**.' },
			languages: ['it'],
			// Whole days in the default zone (Amsterdam, UTC+2 in April), the end day included.
			startsAt: '2030-03-31T22:00:00Z',
			endsAt: '2030-04-02T22:00:00Z',
			mode: 'in_person',
			location: { address: 'Casa del Quartiere, Via Roma 1, 10121 Torino, IT', lat: 45.07, lon: 7.68 },
			organiser: 'Youth Centre Turin',
			free: true,
			ageMin: 12,
			ageMax: 16,
			skills: ['digcomp:3.4'],
			keywords: ['Teamwork'],
			type: 'course',
			url: 'https://example.org/courses/robots'
		});
		expect(online).toMatchObject({ mode: 'online', startsAt: '2030-05-01T13:00:00Z', endsAt: '2030-05-01T15:00:00Z', url: 'https://example.org/courses/robots' });
		expect(online!.location).toBeUndefined();
	});

	it('reads every JSON-LD block of an HTML page, events included, and reports a broken block', () => {
		const page = `<!doctype html><html><head>
			<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'EducationEvent', name: 'Open Lab &amp; Tea', startDate: '2030-06-01T10:00', eventAttendanceMode: 'https://schema.org/MixedEventAttendanceMode', location: [{ '@type': 'Place', name: 'Library', address: 'Main St 1, Breda' }, { '@type': 'VirtualLocation', url: 'https://stream.example.org' }], audience: { '@type': 'PeopleAudience', suggestedMinAge: 16 }, offers: [{ price: '7,50', priceCurrency: 'eur' }, { price: 10, priceCurrency: 'EUR' }], keywords: 'science, tea', url: 'https://example.org/lab' })}</script>
			<script type="application/ld+json">[${JSON.stringify({ '@context': 'https://schema.org', '@type': 'Event', name: 'Cancelled thing', eventStatus: 'https://schema.org/EventCancelled', startDate: '2030-01-01' })}, {"@type": "Organization", "name": "ignored"}]</script>
			<script type="application/ld+json">{ broken </script>
		</head><body></body></html>`;
		const result = parseSchemaOrg(page, options({ defaultLocale: 'en' }));
		expect(result.records).toHaveLength(1);
		expect(result.records[0]).toMatchObject({
			title: { en: 'Open Lab & Tea' },
			mode: 'hybrid',
			startsAt: '2030-06-01T08:00:00Z',
			location: { address: 'Library, Main St 1, Breda', lat: null, lon: null },
			price: { amount: 7.5, currency: 'EUR' },
			ageMin: 16,
			keywords: ['science', 'tea'],
			type: 'event'
		});
		expect(result.errors).toEqual([{ record: 'script block 3', message: 'not valid JSON' }]);
		expect(result.warnings).toEqual([{ record: 'Event 2', message: 'skipped: the event is cancelled' }]);
	});

	it('reports files it cannot read', () => {
		expect(parseSchemaOrg('{ nope', options()).errors).toEqual([{ record: 'file', message: 'not valid JSON' }]);
		expect(parseSchemaOrg('<html><body>no data</body></html>', options()).errors[0]!.message).toMatch(/no JSON-LD found/);
		expect(parseSchemaOrg('{"@context":"https://schema.org","@type":"Organization","name":"x"}', options()).errors).toEqual([{ record: 'file', message: 'no Course, CourseInstance, Event or LearningResource found' }]);
	});

	it('reads the SIB course with its two instances', () => {
		const result = parseSchemaOrg(sample('schema-org-jsonld/sib-course-first-steps-with-r.jsonld').toString('utf8'), options({ defaultTimeZone: 'Europe/Zurich' }));
		expect(result.errors).toEqual([]);
		const [lausanne, zurich] = result.records;
		expect(lausanne).toMatchObject({
			sourceId: 'https://webapp2.vital-it.ch/courseadmin/website/course/20220608_XXX12',
			title: { en: 'First steps with R in Life Sciences' },
			languages: ['en'],
			startsAt: '2022-06-07T22:00:00Z',
			endsAt: '2022-06-09T22:00:00Z',
			mode: 'in_person',
			location: { address: 'Lausanne', lat: null, lon: null },
			url: 'https://webapp2.vital-it.ch/courseadmin/website/course/20220608_XXX12',
			organiser: 'SIB Swiss Institute of Bioinformatics',
			price: { amount: 120, currency: 'CHF' },
			keywords: ['biostatistics', 'data visualisation', 'programming']
		});
		expect(lausanne!.description.en).toMatch(/^\*\*This course is now full\.\*\*/);
		expect(zurich).toMatchObject({ startsAt: '2022-10-09T22:00:00Z', endsAt: '2022-10-11T22:00:00Z', location: { address: 'Zürich' }, url: 'https://webapp2.vital-it.ch/courseadmin/website/course/20221010_XXX12' });
		expect(zurich!.keywords).toContain('torsten schwede & thierry sengstag group');
	});
});
