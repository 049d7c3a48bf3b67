import { languageKey, normaliseLanguage } from './languages';
import { asArray, isObject, text } from './values';

/**
 * Multilingual text in the shapes the formats use: a plain string (the default locale), JSON-LD
 * `{"@value", "@language"}`, ELM language maps `{"en": "...", "fr": "..."}`, OOAPI `{language, value}`,
 * MOOChub `{inLanguage, name}`, and lists of any of these. Locales become ISO 639-1 codes.
 */
export function readLocalized(value: unknown, defaultLocale: string): Record<string, string> {
	const result: Record<string, string> = {};
	const put = (locale: string | undefined, content: unknown) => {
		const found = text(content);
		const key = locale ?? defaultLocale;
		if (found && !result[key]) result[key] = found;
	};
	for (const item of asArray(value)) {
		if (typeof item === 'string' || typeof item === 'number') {
			put(undefined, item);
		} else if (isObject(item)) {
			if ('@value' in item) put(normaliseLanguage(item['@language']), item['@value']);
			else if ('value' in item && ('language' in item || 'lang' in item)) put(normaliseLanguage(item.language ?? item.lang), item.value);
			else if ('inLanguage' in item && 'name' in item) put(normaliseLanguage(item.inLanguage), item.name);
			else {
				// A language map: every key that names a language holds that language's text (nested lists too).
				for (const [key, content] of Object.entries(item)) {
					const locale = languageKey(key);
					if (!locale) continue;
					for (const entry of asArray(content)) put(locale, isObject(entry) ? entry['@value'] : entry);
				}
			}
		}
	}
	return result;
}

/** One text of a multilingual value: the default locale's, else the first there is. */
export function firstLocalized(value: unknown, defaultLocale: string): string | undefined {
	const all = readLocalized(value, defaultLocale);
	return all[defaultLocale] ?? Object.values(all)[0];
}
