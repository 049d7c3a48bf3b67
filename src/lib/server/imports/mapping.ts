import { z } from 'zod';
import { isLocale } from '../../i18n/locales';
import { CreateActivityInput } from '../activities/schemas';
import { consistencyIssues, publishIssues } from '../activities/rules';
import { toFieldIssues } from '../http/validation';
import type { FieldIssue } from '../http/errors';
import type { ImportRecord } from './record';

/**
 * From an imported record to the columns of an activity, checked by the same schema as the API
 * (with coordinates optional: sources rarely give them and nothing here geocodes). Text is cut to the
 * activity's limits rather than refused: a long description should not cost the whole record.
 */
const ImportedActivity = CreateActivityInput.omit({ organisationId: true, badge: true }).extend({
	location: z
		.object({ address: z.string().trim().min(1).max(300), lat: z.number().min(-90).max(90).nullable(), lon: z.number().min(-180).max(180).nullable() })
		.nullable()
		.optional()
});

const MAX_SESSIONS = 200;
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** Text per locale we can show: other languages are filed under the city's default locale (their `languages` still say what they are). */
function localised(text: Record<string, string>, defaultLocale: string, max: number): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(text)) {
		const trimmed = value?.trim();
		if (!trimmed) continue;
		const short = key.slice(0, 2).toLowerCase();
		const locale = isLocale(short) ? short : defaultLocale;
		out[locale] ??= cut(trimmed, max);
	}
	return out;
}

export interface MappedRecord {
	columns: {
		title: Record<string, string>;
		description: Record<string, string>;
		type: z.infer<typeof ImportedActivity>['type'];
		mode: z.infer<typeof ImportedActivity>['mode'];
		startsAt: Date | null;
		endsAt: Date | null;
		alwaysOpen: boolean;
		locationAddress: string | null;
		lat: number | null;
		lon: number | null;
		onlineUrl: string | null;
		languages: string[];
		ageMin: number | null;
		ageMax: number | null;
		capacity: number | null;
		priceAmount: string | null;
		priceCurrency: string | null;
		sourceUrl: string | null;
	};
	sessions: { startsAt: Date; endsAt: Date }[];
	/** What keeps it from being published as it is (a draft the organiser completes). */
	missing: FieldIssue[];
}

export function mapRecord(record: ImportRecord, defaultLocale: string): { mapped?: MappedRecord; problems: FieldIssue[] } {
	const title = localised(record.title, defaultLocale, 200);
	const description = localised(record.description, defaultLocale, 20_000);
	const sessions = (record.sessions ?? []).slice(0, MAX_SESSIONS);
	const hasDates = Boolean(record.startsAt) || sessions.length > 0;
	const languages = [...new Set(record.languages.map((code) => code.trim().toLowerCase()).filter((code) => /^[a-z]{2,3}$/.test(code)))];
	const parsed = ImportedActivity.safeParse({
		title,
		description,
		type: record.type ?? (record.mode === 'online' && !hasDates ? 'self_paced_online' : 'other'),
		mode: record.mode,
		startsAt: record.startsAt ?? null,
		endsAt: record.endsAt ?? null,
		alwaysOpen: record.alwaysOpen ?? !hasDates,
		sessions,
		location: record.location?.address ? { address: cut(record.location.address, 300), lat: record.location.lat ?? null, lon: record.location.lon ?? null } : null,
		url: record.url ?? null,
		languages: languages.length ? languages.slice(0, 20) : [Object.keys(title)[0] ?? defaultLocale],
		ageMin: record.ageMin ?? null,
		ageMax: record.ageMax ?? null,
		capacity: record.capacity ?? null,
		price: record.price && record.price.amount > 0 ? { amount: Math.round(record.price.amount * 100) / 100, currency: record.price.currency } : null,
		skills: []
	});
	if (!parsed.success) return { problems: toFieldIssues(parsed.error) };
	const input = parsed.data;
	const sessionDates = (input.sessions ?? []).map((s) => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) }));
	const first = sessionDates.length ? new Date(Math.min(...sessionDates.map((s) => s.startsAt.getTime()))) : null;
	const last = sessionDates.length ? new Date(Math.max(...sessionDates.map((s) => s.endsAt.getTime()))) : null;
	const columns: MappedRecord['columns'] = {
		title: input.title,
		description: input.description,
		type: input.type,
		mode: input.mode,
		startsAt: first ?? (input.startsAt ? new Date(input.startsAt) : null),
		endsAt: last ?? (input.endsAt ? new Date(input.endsAt) : null),
		alwaysOpen: input.alwaysOpen ?? false,
		locationAddress: input.location?.address ?? null,
		lat: input.location?.lat ?? null,
		lon: input.location?.lon ?? null,
		onlineUrl: input.url ?? null,
		languages: input.languages,
		ageMin: input.ageMin ?? null,
		ageMax: input.ageMax ?? null,
		capacity: input.capacity ?? null,
		priceAmount: input.price ? input.price.amount.toFixed(2) : null,
		priceCurrency: input.price ? input.price.currency : null,
		sourceUrl: record.sourceUrl ?? record.url ?? null
	};
	const shape = { ...columns, imageKey: null, imageAlt: {}, sessions: sessionDates };
	const problems = consistencyIssues(shape);
	if (problems.length) return { problems };
	return { mapped: { columns, sessions: sessionDates, missing: publishIssues(shape) }, problems: [] };
}
