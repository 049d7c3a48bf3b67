import type { ActivityMode, ActivityType } from '../../activities/vocabulary';

/**
 * What every importer turns its format into: one learning opportunity as the source describes it,
 * before it becomes an activity. The import pipeline (dedupe by `sourceId`, validation, skills
 * suggestions, drafts) works on these alone, so a new format only needs a parser.
 */
export interface ImportRecord {
	/** Stable key of the record within its source (iCal UID + RECURRENCE-ID, JSON-LD @id, course id, CSV id column or row content). */
	sourceId: string;
	/** The record's own page at the source, if it has one. */
	sourceUrl?: string | null;
	/** Per locale (ISO 639-1 such as "en"); a record whose language is unknown uses the feed's or the caller's default. */
	title: Record<string, string>;
	/** Markdown per locale, already converted from HTML and stripped of anything unsafe. */
	description: Record<string, string>;
	/** ISO 639 codes of the languages it is taught in. */
	languages: string[];
	/** ISO 8601 instants (with offset or Z); null when unknown. */
	startsAt?: string | null;
	endsAt?: string | null;
	/** Self-paced: no dates. */
	alwaysOpen?: boolean;
	/** Several dates of one opportunity (a recurring event expanded, parallel runs kept together). */
	sessions?: { startsAt: string; endsAt: string }[];
	mode: ActivityMode;
	location?: { address: string; lat?: number | null; lon?: number | null } | null;
	/** Where to take part or read more (the online URL for online ones). */
	url?: string | null;
	organiser?: string | null;
	/** Null or left out: free or unknown (see `free`). */
	price?: { amount: number; currency: string } | null;
	free?: boolean | null;
	ageMin?: number | null;
	ageMax?: number | null;
	capacity?: number | null;
	type?: ActivityType | null;
	/** Framework item ids matched with certainty (ESCO URIs, DigComp codes), e.g. `digcomp:2.1`. */
	skills: string[];
	/** Free-text subjects and keywords, for suggested skills the organiser confirms. */
	keywords: string[];
	imageUrl?: string | null;
}

export interface RecordError {
	/** Which record: "row 12", "VEVENT 3 (UID abc)", "data[4]". */
	record: string;
	message: string;
}

export interface ParseResult {
	records: ImportRecord[];
	/** Records that could not be read (they are not in `records`), or one entry for a file that could not be read at all. */
	errors: RecordError[];
	/**
	 * Records that came through with an assumption the organiser should check (an unknown time zone read as
	 * the default one, dates read day-first, a recurrence cut short), or that were left out on purpose
	 * (cancelled, drafts). Never a reason to stop an import.
	 */
	warnings?: RecordError[];
}

export interface ParseOptions {
	/** The locale to file text under when the source does not say (the city's default). */
	defaultLocale: string;
	/** IANA zone for floating times (iCal without TZID, CSV without offset). */
	defaultTimeZone: string;
	/** Matches a framework code or URI to an item id we ship (`lifecomp:P1`, ESCO URI -> `esco-transversal:T1.1`). */
	skillFor: (code: string, framework?: string | null) => string | undefined;
	/** CSV only: which of their columns holds each of our fields (see `CSV_FIELDS`); guessed from the header when left out. */
	csvMapping?: Partial<Record<CsvField, string>>;
	/** CSV only: how to read `01/02/2027`; when left out the file decides, and day-first when it cannot tell. */
	dateOrder?: 'dmy' | 'mdy';
	/** "Now" for the recurrence window of iCalendar rules (tests pin it); the current time when left out. */
	now?: Date;
}

/** Our fields a CSV column can be mapped to (the template's columns, plus the parts of an address). */
export const CSV_FIELDS = [
	'id',
	'title',
	'description',
	'type',
	'mode',
	'online',
	'start',
	'end',
	'date',
	'timezone',
	'address',
	'venue',
	'city',
	'postcode',
	'country',
	'lat',
	'lon',
	'url',
	'languages',
	'age_min',
	'age_max',
	'price',
	'currency',
	'free',
	'capacity',
	'skills',
	'keywords',
	'organiser',
	'image'
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

export type ImportFormat = 'ical' | 'schemaorg' | 'csv' | 'moochub' | 'elm' | 'eventbrite' | 'ooapi' | 'instance';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['ical', 'schemaorg', 'csv', 'moochub', 'elm', 'eventbrite', 'ooapi', 'instance'];
