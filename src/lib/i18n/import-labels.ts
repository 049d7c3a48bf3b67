import { m } from '$lib/paraglide/messages';

const actions: Record<string, () => string> = {
	create: m.import_action_create,
	update: m.import_action_update,
	skip: m.import_action_skip,
	error: m.import_action_error,
	archive: m.import_action_archive
};
export const importActionLabel = (action: string) => actions[action]?.() ?? action;

const formats: Record<string, () => string> = {
	auto: m.import_format_auto,
	ical: () => 'iCalendar (.ics)',
	schemaorg: () => 'schema.org JSON-LD',
	csv: () => 'CSV',
	moochub: () => 'MOOChub',
	elm: () => 'Europass / ELM',
	eventbrite: () => 'Eventbrite',
	ooapi: () => 'OOAPI',
	instance: m.import_format_instance
};
export const importFormatLabel = (format: string) => formats[format]?.() ?? format;

const reasons: Record<string, () => string> = {
	unchanged: m.import_reason_unchanged,
	archived: m.import_reason_archived,
	duplicate_in_file: m.import_reason_duplicate,
	created_meanwhile: m.import_reason_meanwhile
};
const fields: Record<string, () => string> = {
	title: m.activity_field_title,
	description: m.activity_field_description,
	startsAt: m.activity_field_starts,
	location: m.activity_field_location,
	url: m.activity_field_url
};

/**
 * Why a record is skipped, or what keeps it a draft ("location, url": the fields to add before it can
 * be published); anything else is a problem in the source, shown as the importer wrote it.
 */
export function importReason(reason: string): string {
	if (reasons[reason]) return reasons[reason]!();
	const missing = reason.split(', ');
	if (missing.every((field) => fields[field])) return m.import_reason_missing({ fields: missing.map((field) => fields[field]!()).join(', ') });
	return reason;
}

const csvFields: Record<string, () => string> = {
	id: m.import_field_id,
	title: m.import_field_title,
	description: m.import_field_description,
	type: m.import_field_type,
	mode: m.import_field_mode,
	online: m.import_field_online,
	start: m.import_field_start,
	end: m.import_field_end,
	date: m.import_field_date,
	timezone: m.import_field_timezone,
	address: m.import_field_address,
	venue: m.import_field_venue,
	city: m.import_field_city,
	postcode: m.import_field_postcode,
	country: m.import_field_country,
	lat: m.import_field_lat,
	lon: m.import_field_lon,
	url: m.import_field_url,
	languages: m.import_field_languages,
	age_min: m.import_field_age_min,
	age_max: m.import_field_age_max,
	price: m.import_field_price,
	currency: m.import_field_currency,
	free: m.import_field_free,
	capacity: m.import_field_capacity,
	skills: m.import_field_skills,
	keywords: m.import_field_keywords,
	organiser: m.import_field_organiser,
	image: m.import_field_image
};
/** Our fields a spreadsheet column can feed, in words. */
export const csvFieldLabel = (field: string) => csvFields[field]?.() ?? field;
