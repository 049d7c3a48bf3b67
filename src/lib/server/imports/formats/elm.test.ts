import { describe, expect, it } from 'vitest';
import { parseElm } from './elm';
import { options, sample } from './test-support';

const opportunity = {
	'@context': ['https://www.w3.org/2018/credentials/v1', 'http://data.europa.eu/snb/model/context/edc-ap'],
	id: 'urn:epass:learningOpportunity:1',
	type: 'LearningOpportunity',
	title: { en: 'Youth work essentials', ro: 'Bazele muncii de tineret' },
	description: [{ '@language': 'en', '@value': 'Three days on youth work.' }],
	homepage: [{ type: 'WebResource', contentUrl: 'https://example.eu/youth-work' }],
	temporal: { type: 'PeriodOfTime', startDate: '2030-05-10T09:00:00+03:00', endDate: '2030-05-12T17:00:00+03:00' },
	mode: [{ id: 'http://data.europa.eu/snb/learning-assessment/abc123', type: 'Concept', prefLabel: { en: 'Blended' } }],
	location: [{ type: 'Location', geographicName: { en: 'Cluj-Napoca' }, address: [{ type: 'Address', fullAddress: { en: 'Str. Memorandumului 21' }, countryCode: { id: 'http://publications.europa.eu/resource/authority/country/ROU' } }] }],
	providedBy: { type: 'Organisation', legalName: { en: 'Cluj Youth Foundation' } },
	priceDetail: [{ type: 'PriceDetail', amount: 25, currency: { id: 'http://publications.europa.eu/resource/authority/currency/RON' } }],
	learningAchievementSpecification: {
		type: 'Qualification',
		language: [{ id: 'http://publications.europa.eu/resource/authority/language/RON' }, { id: 'http://publications.europa.eu/resource/authority/language/ENG' }],
		learningOutcome: [{ type: 'LearningOutcome', relatedESCOSkill: [{ id: 'http://data.europa.eu/esco/skill/e9a4f6a2-3d5b-4a5a-9f6e-0f6a1c4b8e01' }] }]
	}
};

const qmsXml = `<?xml version="1.0" encoding="UTF-8"?>
<qms:learningOpportunities xmlns:qms="http://data.europa.eu/europass/qms">
  <qms:learningOpportunity id="LO-7">
    <qms:title language="it">Laboratorio di robotica</qms:title>
    <qms:description language="it">Costruire robot &amp; programmarli.</qms:description>
    <qms:homepage>https://example.it/robotica</qms:homepage>
    <qms:startedAtDate>2030-03-02</qms:startedAtDate>
    <qms:endedAtDate>2030-03-02</qms:endedAtDate>
    <qms:priceDetails><qms:amount unit="EUR">15,00</qms:amount></qms:priceDetails>
    <qms:providedBy><qms:legalName>Officine Torino</qms:legalName></qms:providedBy>
    <qms:specifiedBy><qms:language>ita</qms:language><qms:mode>in person</qms:mode></qms:specifiedBy>
  </qms:learningOpportunity>
</qms:learningOpportunities>`;

describe('ELM / Europass', () => {
	it('reads a v3 LearningOpportunity with language maps, period, mode concept, place, provider and ESCO skills', () => {
		const result = parseElm(JSON.stringify(opportunity), options());
		expect(result.errors).toEqual([]);
		expect(result.records[0]).toMatchObject({
			sourceId: 'urn:epass:learningOpportunity:1',
			title: { en: 'Youth work essentials', ro: 'Bazele muncii de tineret' },
			description: { en: 'Three days on youth work.' },
			languages: ['ro', 'en'],
			startsAt: '2030-05-10T06:00:00Z',
			endsAt: '2030-05-12T14:00:00Z',
			mode: 'hybrid',
			location: { address: 'Cluj-Napoca, Str. Memorandumului 21, ROU' },
			url: 'https://example.eu/youth-work',
			organiser: 'Cluj Youth Foundation',
			price: { amount: 25, currency: 'RON' },
			skills: ['esco-transversal:T1.1']
		});
	});

	it('reads the older QMS XML', () => {
		const result = parseElm(qmsXml, options());
		expect(result.errors).toEqual([]);
		expect(result.records[0]).toMatchObject({
			sourceId: 'LO-7',
			title: { it: 'Laboratorio di robotica' },
			description: { it: 'Costruire robot & programmarli.' },
			languages: ['it'],
			startsAt: '2030-03-01T23:00:00Z',
			endsAt: '2030-03-02T23:00:00Z',
			mode: 'in_person',
			url: 'https://example.it/robotica',
			organiser: 'Officine Torino',
			price: { amount: 15, currency: 'EUR' }
		});
		expect(parseElm('<learningOpportunity><title>x</title>', options()).errors[0]!.message).toMatch(/^not valid XML/);
	});

	it('reports files it cannot read', () => {
		expect(parseElm('nope', options()).errors).toEqual([{ record: 'file', message: 'not valid JSON (nor XML)' }]);
		expect(parseElm('{"type": "Organisation"}', options()).errors).toEqual([{ record: 'file', message: 'no LearningOpportunity (or learning specification) found' }]);
	});

	it('reads the ELM v3 credential sample through its achievement, and says so', () => {
		const result = parseElm(sample('elm-europass/elm-v3-credential-sample.jsonld').toString('utf8'), options());
		expect(result.errors).toEqual([]);
		expect(result.records).toHaveLength(1);
		expect(result.records[0]).toMatchObject({
			sourceId: 'http://example.org/cl1',
			title: { en: 'some kind of learning achievement', fr: 'une sorte de réussite scolaire' },
			languages: ['en'],
			organiser: 'some legal name of the organistion',
			mode: 'in_person',
			startsAt: null,
			url: null
		});
		expect(result.warnings).toEqual([{ record: 'file', message: 'no LearningOpportunity in the file: records were made from the learning specifications or achievements it describes; check them' }]);
	});
});
