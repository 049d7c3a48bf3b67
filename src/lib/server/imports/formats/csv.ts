import Papa from 'papaparse';
import { createHash } from 'node:crypto';
import { ACTIVITY_MODES, ACTIVITY_TYPES, type ActivityMode, type ActivityType } from '../../../activities/vocabulary';
import type { CsvField, ImportRecord, ParseOptions, ParseResult } from '../record';
import { detectDelimiter, guessCsvMapping, localeColumns } from './csv-mapping';
import { detectDateOrder, exclusiveEnd, isAmbiguousNumericDate, parseDateTime, timeOfDay, toIsoInstant, zoneByName, type DateOrder } from './dates';
import { markdownFromHtmlOrMarkdown } from './html-to-markdown';
import { normaliseLanguages } from './languages';
import { ParseCollector, emptyRecord, readRecord, setText, unreadable } from './records';
import { parseBoolean, parseInteger, parseNumber, splitList } from './values';
import { guessActivityType, locationSaysOnline, modeFromWord } from './vocabulary';

/**
 * Spreadsheets: our template or any layout with a header row, mapped to our fields by the caller's
 * `csvMapping` or by header words. Rows are numbered as a spreadsheet shows them (the header is row 1).
 */
type Row = (field: CsvField) => string | undefined;

export function parseCsv(content: string, options: ParseOptions): ParseResult {
	const text = content.replace(/^\uFEFF/, '');
	const parsed = Papa.parse<string[]>(text, { delimiter: detectDelimiter(text), skipEmptyLines: false });
	const rows = parsed.data;
	const headers = (rows[0] ?? []).map((header) => header.trim());
	if (headers.length < 2) return unreadable('not a CSV file with a header row: no delimiter (comma, semicolon or tab) found in the first line');
	const collector = new ParseCollector();
	// Papaparse counts rows from 0 with the header as row 0; spreadsheets count from 1.
	const rowErrors = new Map<number, Papa.ParseError>();
	for (const error of parsed.errors) if (error.row !== undefined) rowErrors.set(error.row + 1, error);

	const mapping = { ...guessCsvMapping(headers), ...(options.csvMapping ?? {}) };
	const missing = Object.entries(options.csvMapping ?? {}).filter(([, column]) => column && !headers.includes(column));
	if (missing.length) return unreadable(`the mapping names columns the file does not have: ${missing.map(([, column]) => `"${column}"`).join(', ')}`);
	const titleColumns = localeColumns(headers, 'title');
	if (!mapping.title && titleColumns.length === 0) return unreadable(`no title column found among the headers (${headers.join(', ')}); map one to "title"`);
	const columnIndex = new Map(headers.map((header, index) => [header, index]));
	const cell = (row: string[], column: string | undefined) => {
		const index = column === undefined ? undefined : columnIndex.get(column);
		const value = index === undefined ? undefined : row[index]?.trim();
		return value ? unquote(value) : undefined;
	};

	const dataRows = rows.slice(1).map((row, index) => ({ row, number: index + 2 })).filter(({ row }) => row.some((value) => value.trim()));
	const order = dateOrderOf(dataRows.flatMap(({ row }) => [cell(row, mapping.start), cell(row, mapping.end), cell(row, mapping.date)]).filter((v): v is string => Boolean(v)), options, collector);
	for (const { row, number } of dataRows) {
		const name = `row ${number}`;
		const problem = rowErrors.get(number);
		// Broken quoting swallows the rest of the file into one cell: that row cannot be trusted.
		if (problem?.type === 'Quotes') {
			collector.error(name, `broken quoting: ${problem.message.toLowerCase()}`);
			continue;
		}
		if (problem) collector.warn(name, problem.message);
		const get: Row = (field) => cell(row, mapping[field]);
		readRecord(collector, name, () => rowRecord(get, row, headers, titleColumns, cell, order, options, collector, name));
	}
	return collector.result('no rows below the header');
}

/** How `01/02/2027` is meant in this file: the caller's word, else what the values prove, else day-first. */
function dateOrderOf(values: string[], options: ParseOptions, collector: ParseCollector): DateOrder {
	if (options.dateOrder) return options.dateOrder;
	const detected = detectDateOrder(values);
	if (detected) return detected;
	if (values.some(isAmbiguousNumericDate)) collector.warn('file', 'dates like 01/02/2027 were read as day/month/year (European order); choose month/day/year if that is wrong');
	return 'dmy';
}

function rowRecord(
	get: Row,
	row: string[],
	headers: string[],
	titleColumns: { header: string; locale: string }[],
	cell: (row: string[], column: string | undefined) => string | undefined,
	order: DateOrder,
	options: ParseOptions,
	collector: ParseCollector,
	name: string
): ImportRecord | undefined {
	const locale = options.defaultLocale;
	const day = get('date');
	const startText = onDay(get('start'), day) ?? day;
	const endText = onDay(get('end'), day);
	const record = emptyRecord(get('id') ?? contentId(get('title'), startText, get('url')));
	setText(record.title, locale, get('title'));
	for (const { header, locale: other } of titleColumns) setText(record.title, other, cell(row, header));
	setText(record.description, locale, markdownFromHtmlOrMarkdown(get('description')));
	for (const { header, locale: other } of localeColumns(headers, 'description')) setText(record.description, other, markdownFromHtmlOrMarkdown(cell(row, header)));

	let zone = options.defaultTimeZone;
	const zoneName = get('timezone');
	const named = zoneName ? zoneByName(zoneName) : undefined;
	if (named) zone = named;
	else if (zoneName) collector.warn(name, `unknown time zone "${zoneName}": times read in ${zone}`);
	const start = parseDateTime(startText, zone, order);
	const end = parseDateTime(endText, zone, order);
	if (startText && !start) {
		const onlyTime = timeOfDay(startText) !== undefined;
		collector.error(name, onlyTime ? `start "${startText}" is only a time: map the column with the day to "date"` : `start "${startText}" is not a date (use 2027-03-14 10:00 or 14/03/2027 10:00)`);
		return undefined;
	}
	if (endText && !end) collector.warn(name, `end "${endText}" is not a date: left out`);
	record.startsAt = start ? toIsoInstant(start.instant) : null;
	record.endsAt = end ? toIsoInstant(exclusiveEnd(end, zone)) : start?.dateOnly ? toIsoInstant(exclusiveEnd(start, zone)) : null;

	const address = get('address') ?? ([get('venue'), [get('postcode'), get('city')].filter(Boolean).join(' '), get('country')].filter(Boolean).join(', ') || undefined);
	const lat = parseNumber(get('lat'));
	const lon = parseNumber(get('lon'));
	record.mode = modeOfRow(get, address);
	if ((address && !locationSaysOnline(address)) || (lat !== undefined && lon !== undefined)) {
		if (record.mode !== 'online') record.location = { address: address && !locationSaysOnline(address) ? address : '', lat: lat ?? null, lon: lon ?? null };
	}
	record.url = get('url') ?? null;
	record.sourceUrl = get('url') ?? null;
	record.languages = normaliseLanguages(splitList(get('languages')));
	record.ageMin = parseInteger(get('age_min')) ?? null;
	record.ageMax = parseInteger(get('age_max')) ?? null;
	record.capacity = parseInteger(get('capacity')) ?? null;
	Object.assign(record, priceOfRow(get, name, collector));
	const type = get('type');
	record.type = type && (ACTIVITY_TYPES as readonly string[]).includes(type.toLowerCase()) ? (type.toLowerCase() as ActivityType) : (guessActivityType(splitList(type)) ?? null);
	record.organiser = get('organiser')?.replace(/;\s*$/, '') ?? null;
	record.imageUrl = get('image') ?? null;
	record.keywords = splitList(get('keywords'));
	for (const code of splitList(get('skills'))) {
		const skill = options.skillFor(code);
		if (skill) record.skills.push(skill);
		else {
			record.keywords.push(code);
			collector.warn(name, `skill "${code}" is not in the frameworks: kept as a keyword`);
		}
	}
	return record;
}

/** A start or end that holds only a time (`12:00 PM`) takes its day from the Date column. */
function onDay(value: string | undefined, day: string | undefined): string | undefined {
	const time = timeOfDay(value);
	return time && day ? `${day} ${time}` : value;
}

/** Our mode column, else an Online yes/no column (online with a venue is hybrid), else where it takes place. */
function modeOfRow(get: Row, address: string | undefined): ActivityMode {
	const mode = get('mode')?.toLowerCase();
	if (mode && (ACTIVITY_MODES as readonly string[]).includes(mode)) return mode as ActivityMode;
	const fromWord = modeFromWord(mode);
	if (fromWord) return fromWord;
	const physical = Boolean(address && !locationSaysOnline(address));
	const online = parseBoolean(get('online')) ?? (address ? locationSaysOnline(address) : undefined);
	if (online) return physical ? 'hybrid' : 'online';
	return 'in_person';
}

function priceOfRow(get: Row, name: string, collector: ParseCollector): Pick<ImportRecord, 'price' | 'free'> {
	const freeText = get('free')?.toLowerCase();
	const free = freeText && /^(free|gratis|gratuit|nemokam)/.test(freeText) ? true : parseBoolean(freeText);
	const priceText = get('price');
	if (!priceText) return free === undefined ? {} : { free };
	if (/^(free|gratis|gratuit|nemokam|0+([.,]0+)?$)/i.test(priceText)) return { price: null, free: true };
	const amount = parseNumber(priceText);
	if (amount === undefined) {
		collector.warn(name, `price "${priceText}" is not an amount: left out`);
		return {};
	}
	const symbol = /€/.test(priceText) ? 'EUR' : /£/.test(priceText) ? 'GBP' : /\$/.test(priceText) ? 'USD' : /\b([A-Z]{3})\b/.exec(priceText)?.[1];
	const currency = (get('currency') ?? symbol ?? 'EUR').toUpperCase();
	if (!get('currency') && !symbol) collector.warn(name, 'no currency given: EUR assumed');
	return { price: { amount: Math.round(amount * 100) / 100, currency }, free: amount === 0 };
}

/** Spreadsheet exports sometimes quote a cell twice (`"""text"""` arrives as `"text"`). */
function unquote(value: string): string {
	return /^".*"$/s.test(value) && !value.slice(1, -1).includes('"') ? value.slice(1, -1).trim() : value;
}

/** Without an id column a row is known by what it says: the same event gives the same id on the next import. */
function contentId(title: string | undefined, start: string | undefined, url: string | undefined): string {
	const digest = createHash('sha256').update([title ?? '', start ?? '', url ?? ''].join('\u001f')).digest('hex').slice(0, 16);
	return `row:${digest}`;
}
