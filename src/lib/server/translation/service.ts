import { eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { requireUser } from '../policies/policies';
import { validationFailed } from '../http/errors';
import { recordAudit } from '../platform/audit';
import { findCityById } from '../cities/queries';
import { activities, type TranslationState } from '../activities/schema';
import { loadActivity, type ActivityRecord } from '../activities/queries';
import { changeable, manageable } from '../activities/service';
import { isLocale, LOCALES } from '../../i18n/locales';
import { providerFrom, translationUnavailable, type TranslationProvider } from './provider';
import { segmentMarkdown } from './segments';
import { localeState, sourceHash, textsIn, type FieldTexts } from './state';
import type { MachineTranslationInput, SaveTranslationInput, TranslationsDto } from './schemas';

type Deps = Pick<AppContext, 'db' | 'config'>;

/** The locales shown in the editor: the city's, then any other locale the activity has text in. */
async function localesOf(app: Deps, activity: ActivityRecord): Promise<string[]> {
	const city = await findCityById(app.db, activity.cityId);
	const withText = Object.keys(activity.title).filter(isLocale);
	return [...new Set([...(city?.locales ?? []), ...withText])].filter(isLocale).sort((a, b) => LOCALES.indexOf(a) - LOCALES.indexOf(b));
}

/** The city's default locale when the activity has a title in it, else the first locale that has one. */
function defaultSource(activity: ActivityRecord, locales: string[]): string {
	if (activity.title[activity.city.defaultLocale]) return activity.city.defaultLocale;
	const reviewed = locales.find((locale) => localeState(activity, locale).status === 'reviewed');
	return reviewed ?? Object.keys(activity.title).find(isLocale) ?? activity.city.defaultLocale;
}

function present(app: Deps, activity: ActivityRecord, locales: string[]): TranslationsDto {
	const provider = providerFrom(app.config.translation);
	return {
		activityId: activity.id,
		machine: { enabled: Boolean(provider), provider: provider?.name ?? null },
		defaultSource: defaultSource(activity, locales) as TranslationsDto['defaultSource'],
		hasBadge: Boolean(activity.badge),
		hasImage: Boolean(activity.imageKey),
		locales: locales.map((locale) => {
			const state = localeState(activity, locale);
			return { locale: locale as TranslationsDto['defaultSource'], ...state, source: state.source as TranslationsDto['defaultSource'] | null, texts: textsIn(activity, locale) };
		})
	};
}

/** Every locale's status and texts, for the organisation's members. */
export async function getTranslations(app: Deps, actor: Actor, id: string): Promise<TranslationsDto> {
	const activity = await manageable(app, actor, id);
	return present(app, activity, await localesOf(app, activity));
}

/** One locale's texts written into the row, merged per key so that other locales are left alone. */
function writeLocale(locale: string, texts: Partial<FieldTexts>, state: TranslationState) {
	const merge = (column: SQL | AnyPgColumn, value: string | undefined) =>
		value === undefined ? undefined : value ? sql`${column} || jsonb_build_object(${locale}::text, ${value}::text)` : sql`${column} - ${locale}::text`;
	const badgeTouched = texts.badgeName !== undefined || texts.badgeDescription !== undefined;
	return {
		title: merge(activities.title, texts.title),
		description: merge(activities.description, texts.description),
		imageAlt: merge(activities.imageAlt, texts.imageAlt),
		badge: badgeTouched ? sql`case when ${activities.badge} is null then null else ${nestBadge(merge, texts)} end` : undefined,
		translations: sql`${activities.translations} || jsonb_build_object(${locale}::text, ${JSON.stringify(state)}::jsonb)`
	};
}

/** The badge's name and description merged in place (jsonb_set of jsonb_set), keeping the rest of it. */
function nestBadge(merge: (column: SQL, value: string | undefined) => SQL | undefined, texts: Partial<FieldTexts>): SQL {
	let expression: SQL = sql`${activities.badge}`;
	for (const [field, value] of [['name', texts.badgeName], ['description', texts.badgeDescription]] as const) {
		const merged = merge(sql`coalesce(${expression} -> ${field}::text, '{}'::jsonb)`, value);
		if (merged) expression = sql`jsonb_set(${expression}, ${`{${field}}`}::text[], ${merged})`;
	}
	return expression;
}

function requireProvider(app: Deps): TranslationProvider {
	const provider = providerFrom(app.config.translation);
	if (!provider) throw translationUnavailable();
	return provider;
}

/** Translates one locale's texts: the short fields as they are, the description line by line. */
async function translateTexts(provider: TranslationProvider, texts: FieldTexts, source: string, target: string, signal: AbortSignal): Promise<Partial<FieldTexts>> {
	const short = (['title', 'imageAlt', 'badgeName', 'badgeDescription'] as const).filter((field) => texts[field]);
	const description = segmentMarkdown(texts.description);
	const pieces = [...short.map((field) => texts[field]), ...description.pieces];
	const translated = pieces.length ? await provider.translate(pieces, source, target, signal) : [];
	const out: Partial<FieldTexts> = {};
	short.forEach((field, index) => (out[field] = translated[index]!.trim()));
	if (texts.description) out.description = description.rebuild(translated.slice(short.length));
	return out;
}

/**
 * Makes machine drafts: by default for every locale of the city that has no text yet; listed locales
 * are redone when they hold a machine draft, and text a person wrote or reviewed is only replaced when
 * asked. The provider is called before anything is written, under one deadline for all locales: when
 * it fails or is slow, nothing changes.
 */
export async function machineTranslate(app: Deps, actor: Actor, id: string, input: MachineTranslationInput, now = new Date()) {
	const activity = await changeable(app, actor, id);
	const provider = requireProvider(app);
	const locales = await localesOf(app, activity);
	const source = input.source ?? defaultSource(activity, locales);
	if (!activity.title[source]) throw validationFailed([{ path: 'source', code: 'no_source_text', message: 'The activity has no text in this language to translate from.' }]);
	const unknown = (input.locales ?? []).filter((locale) => !locales.includes(locale));
	if (unknown.length) throw validationFailed([{ path: 'locales', code: 'unknown_locale', message: `Not a language of this city: ${unknown.join(', ')}.` }]);
	const skipped: { locale: string; reason: 'reviewed' | 'source' }[] = [];
	const targets = (input.locales ?? locales.filter((locale) => localeState(activity, locale).status === 'missing')).filter((locale) => {
		const reason = locale === source ? 'source' : localeState(activity, locale).status === 'reviewed' && !input.overwriteReviewed ? 'reviewed' : null;
		if (reason) skipped.push({ locale, reason });
		return !reason;
	});
	const texts = textsIn(activity, source);
	const signal = AbortSignal.timeout(app.config.translation!.timeoutMs);
	const drafts = await Promise.all(targets.map(async (target) => ({ target, texts: await translateTexts(provider, texts, source, target, signal) })));
	if (drafts.length) {
		const state = { status: 'machine' as const, source, sourceHash: sourceHash(activity, source), at: now.toISOString() };
		await app.db.transaction(async (tx) => {
			for (const draft of drafts) await tx.update(activities).set(writeLocale(draft.target, draft.texts, state)).where(eq(activities.id, id));
			await recordAudit(tx, {
				cityId: activity.cityId,
				actorId: requireUser(actor).user.id,
				action: 'activity.translate.machine',
				targetType: 'activity',
				targetId: id,
				data: { source, locales: targets, provider: provider.name }
			});
		});
	}
	const updated = (await loadActivity(app.db, id))!;
	return { translated: targets, skipped, translations: present(app, updated, locales) } as {
		translated: TranslationsDto['defaultSource'][];
		skipped: { locale: TranslationsDto['defaultSource']; reason: 'reviewed' | 'source' }[];
		translations: TranslationsDto;
	};
}

/**
 * A person's translation of one locale, from the side-by-side editor. Saved as reviewed, it records the
 * source texts it matches now, so it stops being outdated; saved as a draft it keeps its origin.
 */
export async function saveTranslation(app: Deps, actor: Actor, id: string, locale: string, input: SaveTranslationInput, now = new Date()) {
	const activity = await changeable(app, actor, id);
	const locales = await localesOf(app, activity);
	if (!isLocale(locale) || !locales.includes(locale)) throw validationFailed([{ path: 'locale', code: 'unknown_locale', message: 'Not a language of this city.' }]);
	const previous = activity.translations[locale];
	const source = previous?.source && previous.source !== locale ? previous.source : locale === defaultSource(activity, locales) ? null : defaultSource(activity, locales);
	const state: TranslationState = {
		status: input.status,
		source,
		sourceHash: source ? (input.status === 'reviewed' ? sourceHash(activity, source) : (previous?.sourceHash ?? null)) : null,
		at: now.toISOString()
	};
	const texts: Partial<FieldTexts> = {
		title: input.title,
		description: input.description,
		...(input.imageAlt !== undefined && { imageAlt: input.imageAlt }),
		...(activity.badge && input.badgeName !== undefined && { badgeName: input.badgeName }),
		...(activity.badge && input.badgeDescription !== undefined && { badgeDescription: input.badgeDescription })
	};
	await app.db.transaction(async (tx) => {
		await tx.update(activities).set(writeLocale(locale, texts, state)).where(eq(activities.id, id));
		await recordAudit(tx, {
			cityId: activity.cityId,
			actorId: requireUser(actor).user.id,
			action: 'activity.translate.save',
			targetType: 'activity',
			targetId: id,
			data: { locale, status: input.status }
		});
	});
	return present(app, (await loadActivity(app.db, id))!, locales);
}
