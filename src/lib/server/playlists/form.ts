import { and, asc, eq, ne, or } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import { activities } from '../activities/schema';
import { organisations } from '../organisations/schema';
import { activityEditorContext } from '../activities/editor';
import type { FormValues } from '../activities/form';
import type { PlaylistRecord } from './queries';

/**
 * What the playlist form needs: the city's languages and skills, and the activities it may hold: the
 * organisation's own (not archived), then other organisations' published ones in the city.
 */
export async function playlistEditorContext(app: Pick<AppContext, 'db' | 'frameworks'>, owner: { cityId: string; organisationId: string }) {
	const context = await activityEditorContext(app, owner.cityId);
	const candidates = await app.db
		.select({ id: activities.id, title: activities.title, status: activities.status, organisationId: activities.organisationId, organisation: organisations.name })
		.from(activities)
		.innerJoin(organisations, eq(organisations.id, activities.organisationId))
		.where(
			and(
				eq(activities.cityId, owner.cityId),
				or(and(eq(activities.organisationId, owner.organisationId), ne(activities.status, 'archived')), eq(activities.status, 'published'))
			)
		)
		.orderBy(asc(organisations.name), asc(activities.createdAt))
		.limit(500);
	return { ...context, candidates: candidates.map((row) => ({ ...row, own: row.organisationId === owner.organisationId })) };
}

/** Reads the playlist form into the API's input shape (validated afterwards by the same zod schema). */
export function playlistFormToInput(form: FormData): Record<string, unknown> {
	const text = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value.trim() : '';
	};
	const perLocale = (prefix: string) => {
		const out: Record<string, string> = {};
		for (const key of form.keys()) if (key.startsWith(`${prefix}.`) && text(key)) out[key.slice(prefix.length + 1)] = text(key);
		return out;
	};
	const number = (name: string) => {
		const value = text(name);
		if (value === '') return null;
		return Number.isFinite(Number(value)) ? Number(value) : value;
	};
	const items = [];
	for (let i = 0; form.has(`item.${i}.activityId`); i++) {
		if (!text(`item.${i}.activityId`)) continue;
		items.push({ activityId: text(`item.${i}.activityId`), required: form.has(`item.${i}.required`) });
	}
	return {
		...(form.has('organisationId') && { organisationId: text('organisationId') }),
		title: perLocale('title'),
		description: perLocale('description'),
		items,
		ordered: form.has('ordered'),
		requiredCount: number('requiredCount'),
		targetGroups: form.getAll('targetGroups').map(String).filter(Boolean),
		skills: form.getAll('skills').map(String).filter(Boolean),
		...(text('badge.name') && {
			badge: {
				name: text('badge.name'),
				description: text('badge.description') || text('badge.name'),
				criteria: text('badge.criteria') || text('badge.name'),
				...(number('badge.validForMonths') !== null && { validForMonths: number('badge.validForMonths') }),
				design: { ...(text('badge.colour') && { colour: text('badge.colour') }), ...(text('badge.icon') && { icon: text('badge.icon') }) }
			}
		})
	};
}

/** What the form shows for a stored playlist; the badge's text in the first of the city's languages. */
export function playlistToFormValues(playlist: PlaylistRecord, badgeLocale: string): FormValues {
	const values: FormValues = {
		organisationId: playlist.organisationId,
		requiredCount: playlist.requiredCount?.toString() ?? '',
		targetGroups: playlist.targetGroups,
		skills: playlist.skills,
		'badge.name': playlist.badge.name[badgeLocale] ?? '',
		'badge.description': playlist.badge.description[badgeLocale] ?? '',
		'badge.criteria': playlist.badge.criteria[badgeLocale] ?? '',
		'badge.validForMonths': String(playlist.badge.validForMonths ?? ''),
		'badge.colour': playlist.badge.design?.colour ?? '',
		'badge.icon': playlist.badge.design?.icon ?? 'star'
	};
	if (playlist.ordered) values.ordered = 'on';
	for (const [locale, text] of Object.entries(playlist.title)) values[`title.${locale}`] = text;
	for (const [locale, text] of Object.entries(playlist.description)) values[`description.${locale}`] = text;
	playlist.items.forEach((item, i) => {
		values[`item.${i}.activityId`] = item.activityId;
		if (item.required) values[`item.${i}.required`] = 'on';
	});
	return values;
}
