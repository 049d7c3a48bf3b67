import { describe, expect, it } from 'vitest';
import { parseImport } from '../parse';
import { readFileSync } from 'node:fs';
import { CSV_TEMPLATE_COLUMNS, csvHeaders, guessCsvMapping } from './csv-mapping';
import { parseCsv } from './csv';
import { options, sample } from './test-support';

/** Windows-1252 bytes of a text (enough for the Latin-1 range used here). */
const windows1252 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

describe('CSV', () => {
	it('reads our own template', () => {
		const csv = [
			'id,title,title_en,description,description_en,type,mode,start,end,timezone,address,lat,lon,url,languages,age_min,age_max,price,currency,capacity,skills,keywords,organiser',
			'a1,Robotica,Robotics,"Bouw een **robot**.\nTwee regels.",Build a robot.,workshop,in_person,2030-03-14 14:00,2030-03-14 16:00,,"Stationsplein 1, Breda",51.59,4.78,https://example.org/a1,nl;en,12,16,"12,50",EUR,20,digcomp:3.4;unknown-skill,robots;tech,Bibliotheek Breda'
		].join('\n');
		const result = parseCsv(csv, options());
		expect(result.errors).toEqual([]);
		expect(result.records[0]).toEqual({
			sourceId: 'a1',
			title: { nl: 'Robotica', en: 'Robotics' },
			description: { nl: 'Bouw een **robot**.\nTwee regels.', en: 'Build a robot.' },
			type: 'workshop',
			mode: 'in_person',
			startsAt: '2030-03-14T13:00:00Z',
			endsAt: '2030-03-14T15:00:00Z',
			location: { address: 'Stationsplein 1, Breda', lat: 51.59, lon: 4.78 },
			url: 'https://example.org/a1',
			sourceUrl: 'https://example.org/a1',
			languages: ['nl', 'en'],
			ageMin: 12,
			ageMax: 16,
			capacity: 20,
			price: { amount: 12.5, currency: 'EUR' },
			free: false,
			skills: ['digcomp:3.4'],
			keywords: ['robots', 'tech', 'unknown-skill'],
			organiser: 'Bibliotheek Breda',
			imageUrl: null
		});
		expect(result.warnings).toEqual([{ record: 'row 2', message: 'skill "unknown-skill" is not in the frameworks: kept as a keyword' }]);
	});

	it('reads the example file of the template in docs/', () => {
		const template = readFileSync(new URL('../../../../../docs/import-template.csv', import.meta.url));
		const headers = csvHeaders(template.toString('utf8'));
		expect(headers.map((header) => header.replace(/_en$/, '_<locale>'))).toEqual([...CSV_TEMPLATE_COLUMNS]);
		const result = parseImport('csv', template, options());
		expect(result.errors).toEqual([]);
		expect(result.records.map((r) => [r.sourceId, r.title.en, r.mode, r.free ?? false])).toEqual([
			['podcast-2030-04', 'Making a podcast', 'in_person', false],
			['code-club-online', 'Online code club', 'online', true]
		]);
	});

	it('reads semicolon and tab files, a BOM, Windows-1252 text, decimal commas, quoted newlines and day-first dates', () => {
		const text =
			'Naam;Omschrijving;Begin;Einde;Plaats;Prijs;Online\r\n' +
			'Caf\u00e9 cursus;"Regel 1\r\nRegel 2";03/04/2030 10:00;03/04/2030 12:00;Breda;7,50 \u20ac;nee\r\n' +
			'Webinar;Online;13/04/2030;;;gratis;ja\r\n';
		// Windows-1252 has the euro sign at 0x80.
		const bytes = Uint8Array.from([...text].map((c) => (c === '\u20ac' ? 0x80 : c.charCodeAt(0))));
		const result = parseImport('csv', bytes, options());
		expect(result.errors).toEqual([]);
		const [cafe, webinar] = result.records;
		expect(cafe).toMatchObject({
			title: { nl: 'Café cursus' },
			description: { nl: 'Regel 1\nRegel 2' },
			startsAt: '2030-04-03T08:00:00Z',
			endsAt: '2030-04-03T10:00:00Z',
			mode: 'in_person',
			location: { address: 'Breda' },
			price: { amount: 7.5, currency: 'EUR' }
		});
		// A day without a time runs the whole day.
		expect(webinar).toMatchObject({ mode: 'online', startsAt: '2030-04-12T22:00:00Z', endsAt: '2030-04-13T22:00:00Z', free: true });
		const withBom = parseImport('csv', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('title,start\nÉté,2030-07-01')]), options());
		expect(withBom.records[0]!.title).toEqual({ nl: 'Été' });
		expect(parseImport('csv', windows1252('title\tstart\nCaf\u00e9\t2030-07-01'), options()).records[0]!.title).toEqual({ nl: 'Café' });
	});

	it('says when it read ambiguous dates day-first, and follows the file when it shows month-first', () => {
		const ambiguous = parseCsv('title,start\nA,03/04/2030\nB,05/06/2030', options());
		expect(ambiguous.records[0]!.startsAt).toBe('2030-04-02T22:00:00Z');
		expect(ambiguous.warnings).toEqual([{ record: 'file', message: 'dates like 01/02/2027 were read as day/month/year (European order); choose month/day/year if that is wrong' }]);
		const american = parseCsv('title,start\nA,03/04/2030\nB,12/31/2030', options());
		expect(american.records[0]!.startsAt).toBe('2030-03-03T23:00:00Z');
		expect(american.warnings).toBeUndefined();
		expect(parseCsv('title,start\nA,03/04/2030', options({ dateOrder: 'mdy' })).records[0]!.startsAt).toBe('2030-03-03T23:00:00Z');
	});

	it('reports rows by number and keeps the others; uses a mapping when given', () => {
		const csv = 'Event name,When,Cost\nGood,2030-01-01,5\n,2030-01-02,1\nBad date,someday,\n';
		const result = parseCsv(csv, options());
		expect(result.records.map((r) => r.title.nl)).toEqual(['Good']);
		expect(result.errors).toEqual([
			{ record: 'row 3', message: 'it has no title' },
			{ record: 'row 4', message: 'start "someday" is not a date (use 2027-03-14 10:00 or 14/03/2027 10:00)' }
		]);
		expect(guessCsvMapping(csvHeaders(csv))).toEqual({ title: 'Event name', start: 'When', price: 'Cost' });
		const mapped = parseCsv('Kop,Datum\nX,2030-01-01', options({ csvMapping: { title: 'Kop', start: 'Datum' } }));
		expect(mapped.records[0]).toMatchObject({ title: { nl: 'X' }, startsAt: '2029-12-31T23:00:00Z' });
		expect(parseCsv('Kop,Datum\nX,2030', options({ csvMapping: { title: 'Heading' } })).errors[0]!.message).toBe('the mapping names columns the file does not have: "Heading"');
	});

	it('reports files it cannot read', () => {
		expect(parseCsv('just one line of text', options()).errors[0]!.message).toMatch(/^not a CSV file with a header row/);
		expect(parseCsv('colour,size\nred,L', options()).errors[0]!.message).toMatch(/^no title column found/);
		expect(parseCsv('title,start\n', options()).errors).toEqual([{ record: 'file', message: 'no rows below the header' }]);
		expect(parseCsv('title,start\nA,2030-01-01\n"B,2030-01-02\n', options()).errors).toEqual([{ record: 'row 3', message: 'broken quoting: quoted field unterminated' }]);
	});

	it('reads the TeSS event template without a mapping', () => {
		const result = parseImport('csv', sample('csv/tess-events-template.csv'), options({ defaultLocale: 'en' }));
		expect(result.errors).toEqual([]);
		const [first, awesome, another] = result.records;
		expect(first).toMatchObject({
			title: { en: 'First Event' },
			description: { en: 'This is a first event' },
			url: 'https://app.com/events/event1.html',
			// 11:00 in Sydney (UTC+11 in January).
			startsAt: '2022-01-12T00:00:00Z',
			endsAt: '2022-01-12T01:00:00Z',
			mode: 'online',
			organiser: 'Another Content Provider'
		});
		expect(awesome).toMatchObject({
			title: { en: 'Awesome Training Day' },
			description: { en: '# Awesome Training\n\nThis event already exists. You will learn:\n\n- a thing\n- another thing\n- more stuff' },
			startsAt: '2022-02-12T00:00:00Z',
			mode: 'hybrid',
			location: { address: '100 Lygon Street, Melbourne, AU' }
		});
		expect(another).toMatchObject({ title: { en: 'Another Event' }, description: { en: 'This is another event, which includes a comma.' }, startsAt: '2022-03-15T02:00:00Z', endsAt: '2022-03-15T05:00:00Z', mode: 'in_person' });
	});
});
