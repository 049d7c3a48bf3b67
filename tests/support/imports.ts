/** Import files for tests. */
import path from 'node:path';

/** A CSV in our template with `count` records, ids `prefix-0`...; optional days move every start. */
export const largeCsv = (prefix: string, count: number, day = 1) =>
	['ID;Title;Start;End;URL;Online;Description', ...Array.from({ length: count }, (_, i) => `${prefix}-${i};Lab ${prefix} ${i};2030-05-${String(day).padStart(2, '0')} 10:00;2030-05-${String(day).padStart(2, '0')} 12:00;https://example.org/${prefix}/${i};yes;Session ${i}.`), ''].join('\n');

/** The real files of other platforms handed out beside the project (read in place, never copied in). */
export const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../../shared/import-samples');

/** One sample per format, with the format it must be recognised as and its name on the Import page. */
export const IMPORT_SAMPLES: { file: string; format: string; label: string }[] = [
	{ file: 'icalendar/pawsey-supercomputing-centre-5cd096b58d0.ics', format: 'ical', label: 'iCalendar (.ics)' },
	{ file: 'schema-org-jsonld/sib-course-first-steps-with-r.jsonld', format: 'schemaorg', label: 'schema.org JSON-LD' },
	{ file: 'csv/tess-events-template.csv', format: 'csv', label: 'CSV' },
	{ file: 'mooc-catalogues/moochub-v3-courses-example.json', format: 'moochub', label: 'MOOChub' },
	{ file: 'elm-europass/elm-v3-credential-sample.jsonld', format: 'elm', label: 'Europass / ELM' },
	{ file: 'eventbrite-api/eventbrite-events-ardc.json', format: 'eventbrite', label: 'Eventbrite' }
];
