import { createHash } from 'node:crypto';
import type { LocalizedText } from '../db/columns';
import type { BadgeDescription, TranslationStates } from '../activities/schema';

/** The texts of an activity that are translated, per locale. */
export const TRANSLATED_FIELDS = ['title', 'description', 'imageAlt', 'badgeName', 'badgeDescription'] as const;
export type TranslatedField = (typeof TRANSLATED_FIELDS)[number];
export type FieldTexts = Record<TranslatedField, string>;

export type TranslationStatus = 'missing' | 'machine' | 'reviewed';

export interface TranslatableActivity {
	title: LocalizedText;
	description: LocalizedText;
	imageAlt: LocalizedText;
	badge: BadgeDescription | null;
	translations: TranslationStates;
}

/** The texts of one locale; '' where that locale has none. */
export function textsIn(activity: TranslatableActivity, locale: string): FieldTexts {
	return {
		title: activity.title[locale] ?? '',
		description: activity.description[locale] ?? '',
		imageAlt: activity.imageAlt[locale] ?? '',
		badgeName: activity.badge?.name?.[locale] ?? '',
		badgeDescription: activity.badge?.description?.[locale] ?? ''
	};
}

/** A fingerprint of a locale's texts: a translation made from other texts than today's is outdated. */
export function sourceHash(activity: TranslatableActivity, source: string): string {
	return createHash('sha256').update(JSON.stringify(textsIn(activity, source))).digest('hex').slice(0, 16);
}

export interface LocaleState {
	status: TranslationStatus;
	/** The source text changed after this translation was made or reviewed. */
	outdated: boolean;
	source: string | null;
	at: string | null;
}

/**
 * A locale without a title has no translation; one with text but no record was written by a person in
 * the normal editor, which counts as reviewed.
 */
export function localeState(activity: TranslatableActivity, locale: string): LocaleState {
	if (!activity.title[locale]) return { status: 'missing', outdated: false, source: null, at: null };
	const entry = activity.translations[locale];
	if (!entry) return { status: 'reviewed', outdated: false, source: null, at: null };
	const comparable = entry.source && entry.sourceHash && entry.source !== locale && activity.title[entry.source];
	return {
		status: entry.status,
		outdated: Boolean(comparable) && sourceHash(activity, entry.source!) !== entry.sourceHash,
		source: entry.source,
		at: entry.at
	};
}

/** The locales whose shown text is an unreviewed machine draft (what public pages mark). */
export function machineLocales(activity: Pick<TranslatableActivity, 'title' | 'translations'>): string[] {
	return Object.entries(activity.translations ?? {})
		.filter(([locale, entry]) => entry.status === 'machine' && Boolean(activity.title[locale]))
		.map(([locale]) => locale)
		.sort();
}

/**
 * What the normal editor's save means for the records: a machine draft whose text a person changed
 * there is theirs now (reviewed, so its record goes); a locale whose text was removed loses its record.
 */
export function afterEditorSave(
	existing: TranslatableActivity,
	changed: { title?: LocalizedText | undefined; description?: LocalizedText | undefined; imageAlt?: LocalizedText | undefined }
): TranslationStates | undefined {
	if (!changed.title && !changed.description && !changed.imageAlt) return undefined;
	const fields = ['title', 'description', 'imageAlt'] as const;
	const next: TranslationStates = {};
	let dropped = false;
	for (const [locale, entry] of Object.entries(existing.translations)) {
		const touched = fields.some((field) => changed[field] !== undefined && (changed[field]![locale] ?? '') !== (existing[field][locale] ?? ''));
		const title = changed.title ? changed.title[locale] : existing.title[locale];
		if ((touched && entry.status === 'machine') || !title) dropped = true;
		else next[locale] = entry;
	}
	return dropped ? next : undefined;
}
