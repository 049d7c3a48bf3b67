import { instantToZoned, zonedToInstant } from '../../time/zones';
import type { ActivityRecord } from './queries';

/** A form's fields by name: one value, or several for checkbox groups. */
export type FormValues = Record<string, string | string[]>;

const SESSION_ROWS_EXTRA = 3;

/** Reads an activity form into the API's input shape (validated afterwards by the same zod schema). */
export function activityFormToInput(form: FormData, timeZone: string): Record<string, unknown> {
	const text = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value.trim() : '';
	};
	const all = (name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
	const perLocale = (prefix: string) => {
		const out: Record<string, string> = {};
		for (const key of form.keys()) {
			if (key.startsWith(`${prefix}.`) && text(key)) out[key.slice(prefix.length + 1)] = text(key);
		}
		return out;
	};
	const number = (name: string) => {
		const value = text(name).replace(',', '.');
		if (value === '') return null;
		return Number.isFinite(Number(value)) ? Number(value) : value;
	};
	// A time the browser could not parse stays as typed, so that validation names the field.
	const instant = (name: string) => {
		const value = text(name);
		if (!value) return null;
		return zonedToInstant(value, timeZone)?.toISOString() ?? value;
	};
	const sessions = [];
	for (let i = 0; form.has(`session.${i}.startsAt`); i++) {
		if (!text(`session.${i}.startsAt`) && !text(`session.${i}.endsAt`)) continue;
		sessions.push({ startsAt: instant(`session.${i}.startsAt`), endsAt: instant(`session.${i}.endsAt`), ...(text(`session.${i}.note`) && { note: text(`session.${i}.note`) }) });
	}
	const hasLocation = text('location.address') || text('location.lat') || text('location.lon');
	const contact = Object.fromEntries(['name', 'email', 'phone'].map((k) => [k, text(`contact.${k}`)]).filter(([, v]) => v));
	const otherLanguages = text('otherLanguages').split(/[\s,;]+/).filter(Boolean);
	return {
		...(form.has('organisationId') && { organisationId: text('organisationId') }),
		title: perLocale('title'),
		description: perLocale('description'),
		type: text('type'),
		mode: text('mode'),
		alwaysOpen: form.has('alwaysOpen'),
		startsAt: instant('startsAt'),
		endsAt: instant('endsAt'),
		sessions,
		location: hasLocation ? { address: text('location.address'), lat: number('location.lat'), lon: number('location.lon') } : null,
		url: text('url') || null,
		languages: [...new Set([...all('languages'), ...otherLanguages.map((l) => l.toLowerCase())])],
		ageMin: number('ageMin'),
		ageMax: number('ageMax'),
		capacity: number('capacity'),
		waitlist: form.has('waitlist'),
		price: text('price.amount') ? { amount: number('price.amount'), currency: text('price.currency') || 'EUR' } : null,
		international: form.has('international'),
		targetGroups: all('targetGroups'),
		accessibility: all('accessibility'),
		skills: all('skills'),
		contact,
		imageAlt: perLocale('imageAlt'),
		...(text('badge.name') && {
			badge: {
				name: text('badge.name'),
				description: text('badge.description') || text('badge.name'),
				criteria: text('badge.criteria') || text('badge.name'),
				tags: text('badge.tags')
					.split(',')
					.map((tag) => tag.trim())
					.filter(Boolean),
				...(number('badge.validForMonths') !== null && { validForMonths: number('badge.validForMonths') }),
				...(text('badge.expiresOn') && { expiresOn: text('badge.expiresOn') }),
				...(text('badge.assessment') && { assessment: text('badge.assessment') }),
				design: { ...(text('badge.colour') && { colour: text('badge.colour') }), ...(text('badge.icon') && { icon: text('badge.icon') }) },
				imageAlt: perLocale('badge.imageAlt')
			}
		})
	};
}

/** What the form shows for a stored activity (times on the city's clock). */
export function activityToFormValues(activity: ActivityRecord, badgeLocale: string): FormValues {
	const tz = activity.city.timezone;
	const values: FormValues = {
		organisationId: activity.organisationId,
		type: activity.type,
		mode: activity.mode,
		startsAt: instantToZoned(activity.startsAt, tz),
		endsAt: instantToZoned(activity.endsAt, tz),
		'location.address': activity.locationAddress ?? '',
		'location.lat': activity.lat?.toString() ?? '',
		'location.lon': activity.lon?.toString() ?? '',
		url: activity.onlineUrl ?? '',
		languages: activity.languages,
		ageMin: activity.ageMin?.toString() ?? '',
		ageMax: activity.ageMax?.toString() ?? '',
		capacity: activity.capacity?.toString() ?? '',
		'price.amount': activity.priceAmount ?? '',
		'price.currency': activity.priceCurrency ?? 'EUR',
		targetGroups: activity.targetGroups,
		accessibility: activity.accessibility,
		skills: activity.skills,
		'contact.name': activity.contact.name ?? '',
		'contact.email': activity.contact.email ?? '',
		'contact.phone': activity.contact.phone ?? '',
		'badge.name': activity.badge?.name[badgeLocale] ?? '',
		'badge.description': activity.badge?.description[badgeLocale] ?? '',
		'badge.criteria': activity.badge?.criteria[badgeLocale] ?? '',
		'badge.tags': (activity.badge?.tags ?? []).join(', '),
		'badge.validForMonths': String(activity.badge?.validForMonths ?? ''),
		'badge.expiresOn': activity.badge?.expiresOn ?? '',
		'badge.assessment': activity.badge?.assessment ?? 'organiser',
		'badge.colour': activity.badge?.design?.colour ?? '',
		'badge.icon': activity.badge?.design?.icon ?? 'star'
	};
	if (activity.alwaysOpen) values.alwaysOpen = 'on';
	if (activity.waitlist) values.waitlist = 'on';
	if (activity.international) values.international = 'on';
	for (const [locale, text] of Object.entries(activity.title)) values[`title.${locale}`] = text;
	for (const [locale, text] of Object.entries(activity.description)) values[`description.${locale}`] = text;
	for (const [locale, text] of Object.entries(activity.imageAlt)) values[`imageAlt.${locale}`] = text;
	for (const [locale, text] of Object.entries(activity.badge?.imageAlt ?? {})) values[`badge.imageAlt.${locale}`] = text;
	activity.sessions.forEach((session, i) => {
		values[`session.${i}.startsAt`] = instantToZoned(session.startsAt, tz);
		values[`session.${i}.endsAt`] = instantToZoned(session.endsAt, tz);
		values[`session.${i}.note`] = session.note ?? '';
	});
	return values;
}

/** How many session rows the form shows: the activity's sessions and a few empty ones. */
export function sessionRowCount(values: FormValues): number {
	let filled = 0;
	while (values[`session.${filled}.startsAt`] !== undefined) filled++;
	return filled + SESSION_ROWS_EXTRA;
}

/** The raw fields of a submitted form, to show them again after a failed save (files left out). */
export function formToValues(form: FormData): FormValues {
	const values: FormValues = {};
	for (const name of new Set(form.keys())) {
		const all = form.getAll(name).filter((v): v is string => typeof v === 'string');
		if (all.length === 0) continue;
		values[name] = ['languages', 'targetGroups', 'accessibility', 'skills'].includes(name) ? all : all[0]!;
	}
	return values;
}
