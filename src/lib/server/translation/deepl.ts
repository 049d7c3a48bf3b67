import type { TranslationConfig } from '../config/config';
import { inBatches, postForJson, translationFailed, type FetchLike, type TranslationProvider } from './provider';

/**
 * DeepL's language codes for our locales. All six are DeepL source and target languages; as a target,
 * plain "EN" is kept only for backward compatibility and DeepL asks for a variant, so English is EN-GB
 * (the cities are European). Sources take the bare code.
 */
const TARGET: Record<string, string> = { en: 'EN-GB', nl: 'NL', el: 'EL', it: 'IT', ro: 'RO', lt: 'LT' };
const SOURCE: Record<string, string> = { en: 'EN', nl: 'NL', el: 'EL', it: 'IT', ro: 'RO', lt: 'LT' };

export const deeplTarget = (locale: string) => TARGET[locale];
export const deeplSource = (locale: string) => SOURCE[locale];

/**
 * DeepL: `POST {host}/v2/translate` with `Authorization: DeepL-Auth-Key ...` and a JSON body of
 * `text` (a list), `source_lang` and `target_lang`; it answers `{"translations": [{"text": ...}]}` in order.
 */
export function createDeepL(config: TranslationConfig, fetchImpl: FetchLike): TranslationProvider {
	return {
		name: 'deepl',
		translate: (pieces, source, target, signal) => {
			const sourceLang = deeplSource(source);
			const targetLang = deeplTarget(target);
			if (!sourceLang || !targetLang) return Promise.reject(translationFailed(`DeepL does not translate from ${source} to ${target}.`));
			return inBatches(pieces, async (batch) => {
				const body = { text: batch, source_lang: sourceLang, target_lang: targetLang, preserve_formatting: true };
				const answer = (await postForJson(
					fetchImpl,
					`${config.url}/v2/translate`,
					{ headers: { authorization: `DeepL-Auth-Key ${config.apiKey ?? ''}` }, body: JSON.stringify(body), signal },
					'DeepL'
				)) as { translations?: unknown };
				const translations = answer.translations;
				if (!Array.isArray(translations)) throw translationFailed('DeepL answered without translations.');
				return translations.map((item) => {
					const text = (item as { text?: unknown } | null)?.text;
					if (typeof text !== 'string') throw translationFailed('DeepL answered a translation without text.');
					return text;
				});
			});
		}
	};
}
