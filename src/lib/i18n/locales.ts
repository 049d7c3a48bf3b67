/**
 * The interface languages. Content (activity titles, city taglines, ...) may exist in more or fewer
 * languages; it falls back along `fallbackChain`.
 */
export const LOCALES = ['en', 'nl', 'el', 'it', 'ro', 'lt'] as const;
export type Locale = (typeof LOCALES)[number];
export const BASE_LOCALE: Locale = 'en';

/** Each language's own name for itself, as a language switcher shows it. */
export const LOCALE_NAMES: Record<Locale, string> = {
	en: 'English',
	nl: 'Nederlands',
	el: 'Ελληνικά',
	it: 'Italiano',
	ro: 'Română',
	lt: 'Lietuvių'
};

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks the best supported locale from an Accept-Language header, honouring q-values. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | undefined {
	if (!header) return undefined;
	const ranked = header
		.split(',')
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const quality = q ? Number(q.slice(2)) : 1;
			return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
		})
		.filter((entry) => entry.tag && entry.quality > 0)
		.sort((a, b) => b.quality - a.quality || a.index - b.index);
	for (const { tag } of ranked) {
		const primary = tag.split('-')[0];
		if (isLocale(primary)) return primary;
	}
	return undefined;
}

export type LocalizedText = Record<string, string>;

/**
 * The text of a per-locale field in the wanted locale, else along the fallbacks, else any text.
 * Returns the locale actually used so that pages can mark fallback text with its own `lang`.
 */
export function pickText(
	text: LocalizedText | null | undefined,
	locale: string,
	fallbacks: readonly string[] = []
): { text: string; locale: string } | undefined {
	if (!text) return undefined;
	for (const candidate of [locale, ...fallbacks, BASE_LOCALE]) {
		const value = text[candidate];
		if (value && value.trim() !== '') return { text: value, locale: candidate };
	}
	const first = Object.entries(text).find(([, value]) => value && value.trim() !== '');
	return first ? { text: first[1], locale: first[0] } : undefined;
}
