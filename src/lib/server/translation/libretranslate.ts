import type { TranslationConfig } from '../config/config';
import { inBatches, postForJson, translationFailed, type FetchLike, type TranslationProvider } from './provider';

/**
 * A LibreTranslate-compatible server: `POST {url}/translate` with `q` (here always a list), `source`,
 * `target`, `format` and an optional `api_key`; it answers `{"translatedText": [...]}`. Pieces are sent
 * as `text`: Markdown is already split into plain pieces, and HTML mode would escape characters.
 */
export function createLibreTranslate(config: TranslationConfig, fetchImpl: FetchLike): TranslationProvider {
	return {
		name: 'libretranslate',
		translate: (pieces, source, target, signal) =>
			inBatches(pieces, async (batch) => {
				const body = { q: batch, source, target, format: 'text', ...(config.apiKey && { api_key: config.apiKey }) };
				const answer = (await postForJson(fetchImpl, `${config.url}/translate`, { headers: {}, body: JSON.stringify(body), signal }, 'LibreTranslate')) as { translatedText?: unknown };
				const texts = answer.translatedText;
				if (!Array.isArray(texts) || !texts.every((text) => typeof text === 'string')) throw translationFailed('LibreTranslate answered without translatedText.');
				return texts;
			})
	};
}
