import Papa from 'papaparse';
import { CSV_FIELDS, type CsvField } from '../record';

/**
 * Which column of a spreadsheet holds which of our fields. Our own template names its columns exactly;
 * other layouts (TeSS, Eventbrite exports, a city's own sheet) are matched by the usual header words in
 * the cities' languages. The guess is shown to the organiser, who can correct it (`csvMapping`).
 */

/** The columns of our import template (docs/import-template.csv); `title_<locale>` and `description_<locale>` repeat per language. */
export const CSV_TEMPLATE_COLUMNS = [
	'id', 'title', 'title_<locale>', 'description', 'description_<locale>', 'type', 'mode', 'start', 'end', 'timezone', 'address', 'lat',
	'lon', 'url', 'languages', 'age_min', 'age_max', 'price', 'currency', 'capacity', 'skills', 'keywords', 'organiser'
] as const;

/** Header words per field, compared without case, accents, spaces or punctuation. */
const SYNONYMS: Record<CsvField, string[]> = {
	id: ['id', 'identifier', 'uid', 'eventid', 'externalid', 'code', 'coursecode', 'reference', 'ref'],
	title: ['title', 'name', 'eventname', 'eventtitle', 'coursename', 'coursetitle', 'activity', 'activityname', 'titel', 'naam', 'titolo', 'nome', 'titlu', 'denumire', 'pavadinimas', 'τιτλος'],
	description: ['description', 'details', 'about', 'abstract', 'body', 'text', 'content', 'beschrijving', 'omschrijving', 'descrizione', 'descriere', 'aprasymas', 'περιγραφη', 'longdescription', 'summary'],
	type: ['type', 'types', 'eventtype', 'activitytype', 'category', 'format', 'soort', 'tipo', 'tip', 'tipas'],
	mode: ['mode', 'presence', 'attendancemode', 'deliverymode', 'modeofdelivery', 'format', 'vorm'],
	online: ['online', 'isonline', 'onlineevent', 'virtual', 'remote'],
	start: ['start', 'startdate', 'startdatetime', 'starttime', 'starts', 'startsat', 'begin', 'begins', 'from', 'datetime', 'when', 'startdatum', 'begindatum', 'inizio', 'datainizio', 'inceput', 'pradzia', 'εναρξη', 'time', 'tijd', 'ora', 'laikas', 'ωρα'],
	end: ['end', 'enddate', 'enddatetime', 'endtime', 'ends', 'endsat', 'finish', 'until', 'to', 'einde', 'einddatum', 'fine', 'datafine', 'sfarsit', 'pabaiga', 'ληξη'],
	// The day, where start and end hold only times; alone, it is the start.
	date: ['date', 'day', 'eventdate', 'datum', 'dag', 'data', 'giorno', 'zi', 'diena', 'ημερομηνια'],
	timezone: ['timezone', 'tz', 'zone', 'tijdzone', 'fusoorario'],
	address: ['address', 'location', 'place', 'fulladdress', 'adres', 'locatie', 'plaats', 'indirizzo', 'luogo', 'adresa', 'locatia', 'adresas', 'vieta', 'διευθυνση', 'τοποθεσια'],
	venue: ['venue', 'venuename', 'building', 'room', 'street', 'streetaddress'],
	city: ['city', 'town', 'locality', 'stad', 'gemeente', 'citta', 'oras', 'miestas', 'πολη'],
	postcode: ['postcode', 'postalcode', 'zip', 'zipcode', 'cap', 'codpostal'],
	country: ['country', 'land', 'paese', 'tara', 'salis', 'χωρα'],
	lat: ['lat', 'latitude', 'breedtegraad'],
	lon: ['lon', 'lng', 'long', 'longitude', 'lengtegraad'],
	url: ['url', 'link', 'website', 'webpage', 'page', 'eventurl', 'homepage', 'registration', 'registrationurl', 'moreinfo', 'infolink'],
	languages: ['languages', 'language', 'lang', 'locale', 'taal', 'talen', 'lingua', 'lingue', 'limba', 'kalba', 'γλωσσα', 'inlanguage', 'workinglanguage'],
	age_min: ['agemin', 'minage', 'minimumage', 'agefrom', 'fromage', 'minimumleeftijd', 'etaminima'],
	age_max: ['agemax', 'maxage', 'maximumage', 'ageto', 'toage', 'maximumleeftijd', 'etamassima'],
	price: ['price', 'cost', 'costs', 'fee', 'fees', 'amount', 'prijs', 'kosten', 'prezzo', 'costo', 'pret', 'kaina', 'τιμη', 'κοστος'],
	currency: ['currency', 'valuta', 'moneda', 'valiuta', 'νομισμα'],
	free: ['free', 'isfree', 'gratis', 'gratuito', 'nemokama', 'costbasis'],
	capacity: ['capacity', 'places', 'seats', 'maxparticipants', 'maximumattendeecapacity', 'plaatsen', 'posti', 'locuri', 'vietos', 'θεσεις'],
	skills: ['skills', 'skill', 'competences', 'competencies', 'competence', 'competentie', 'competenties', 'competenze', 'competente', 'kompetencijos', 'δεξιοτητες', 'escoskills'],
	keywords: ['keywords', 'keyword', 'tags', 'tag', 'subjects', 'subject', 'topics', 'topic', 'categories', 'fields', 'trefwoorden', 'parolechiave', 'cuvintecheie', 'raktazodziai', 'λεξειςκλειδια'],
	organiser: ['organiser', 'organizer', 'organisation', 'organization', 'provider', 'host', 'hostinstitutions', 'contentprovider', 'publisher', 'organisator', 'aanbieder', 'organizzatore', 'organizator', 'organizatorius', 'διοργανωτης'],
	image: ['image', 'imageurl', 'picture', 'photo', 'logo', 'afbeelding', 'immagine', 'imagine', 'nuotrauka', 'εικονα']
};

/** Lower case, no accents, letters and digits only ("Event name" -> "eventname"). */
export function headerKey(header: string): string {
	return header
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Our guess of which column holds which field: an exact synonym wins, and each column is used once
 * (so "Format" becomes the type unless a better column for the type exists).
 */
export function guessCsvMapping(headers: string[]): Partial<Record<CsvField, string>> {
	const mapping: Partial<Record<CsvField, string>> = {};
	const used = new Set<string>();
	const keys = headers.map((header) => ({ header, key: headerKey(header) }));
	// Earlier synonyms are better matches; fields are filled in rounds so a field's best word wins first.
	const longest = Math.max(...Object.values(SYNONYMS).map((words) => words.length));
	for (let rank = 0; rank < longest; rank++) {
		for (const field of CSV_FIELDS) {
			if (mapping[field]) continue;
			const word = SYNONYMS[field][rank];
			const match = word && keys.find(({ header, key }) => key === word && !used.has(header));
			if (match) {
				mapping[field] = match.header;
				used.add(match.header);
			}
		}
	}
	return mapping;
}

/** Per-language title and description columns of our template (`title_nl`, `description_el`). */
export function localeColumns(headers: string[], field: 'title' | 'description'): { header: string; locale: string }[] {
	return headers.flatMap((header) => {
		const match = new RegExp(`^${field}[_-]([a-z]{2})$`, 'i').exec(header.trim());
		return match ? [{ header, locale: match[1]!.toLowerCase() }] : [];
	});
}

/**
 * The delimiter is the candidate found most often in the header line (outside quotes). Papaparse's own
 * guess weighs the data rows too, where `nl;en` lists and quoted line breaks mislead it.
 */
export function detectDelimiter(content: string): string {
	const header = content.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]!.replace(/"[^"]*"/g, '');
	let best = ',';
	let bestCount = 0;
	for (const candidate of [',', ';', '\t', '|']) {
		const count = header.split(candidate).length - 1;
		if (count > bestCount) [best, bestCount] = [candidate, count];
	}
	return best;
}

/** The first `count` rows of a CSV text, read with its own delimiter. */
function firstRows(content: string, count: number): string[][] {
	const text = content.replace(/^\uFEFF/, '');
	return Papa.parse<string[]>(text, { preview: count, delimiter: detectDelimiter(text) }).data;
}

/** The header row of a CSV text (an empty list when there is none). */
export function csvHeaders(content: string): string[] {
	return (firstRows(content, 1)[0] ?? []).map((header) => header.trim());
}

export interface CsvLayout {
	/** The file's columns, each with its value in the first row to recognise it by. */
	columns: { name: string; example: string }[];
	/** Which column feeds each of our fields (null: none): the guess, corrected by the mapping given. */
	mapping: Record<CsvField, string | null>;
}

/**
 * What the organiser needs to correct the reading of a spreadsheet: its columns with an example value,
 * and how they are read now. A mapping naming an empty column ("") leaves that field out.
 */
export function csvLayout(content: string, csvMapping: Partial<Record<string, string>> = {}): CsvLayout {
	const [header = [], first = []] = firstRows(content, 2);
	const names = header.map((name) => name.trim());
	const mapping: Partial<Record<string, string>> = { ...guessCsvMapping(names), ...csvMapping };
	return {
		columns: names.map((name, index) => ({ name, example: (first[index] ?? '').trim().slice(0, 80) })),
		mapping: Object.fromEntries(CSV_FIELDS.map((field) => {
			const column = mapping[field];
			return [field, column && names.includes(column) ? column : null];
		})) as Record<CsvField, string | null>
	};
}
