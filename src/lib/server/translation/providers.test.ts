import { describe, expect, it } from 'vitest';
import type { TranslationConfig } from '../config/config';
import { isAppError } from '../http/errors';
import { MAX_PIECES_PER_REQUEST, providerFrom, type FetchLike } from './provider';

/** A fetch that records each request and answers with what `answer` makes of it. */
function fakeFetch(answer: (body: Record<string, unknown>) => Response) {
	const calls: { url: string; headers: Record<string, string>; body: Record<string, unknown> }[] = [];
	const fetchImpl: FetchLike = async (url, init) => {
		const body = JSON.parse(String(init.body));
		calls.push({ url, headers: init.headers as Record<string, string>, body });
		return answer(body);
	};
	return { calls, fetchImpl };
}
const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
const deepl: TranslationConfig = { provider: 'deepl', url: 'https://api-free.deepl.com', apiKey: 'secret:fx', timeoutMs: 1000 };
const signal = () => new AbortController().signal;

async function failure(promise: Promise<unknown>) {
	const error = await promise.then(() => undefined, (cause: unknown) => cause);
	expect(isAppError(error)).toBe(true);
	return error as { code: string; message: string };
}

describe('the DeepL adapter', () => {
	it('sends the texts with DeepL’s language codes and the key in the header, and reads the answer in order', async () => {
		const { calls, fetchImpl } = fakeFetch((body) => json({ translations: (body.text as string[]).map((text) => ({ detected_source_language: 'NL', text: text.toUpperCase() })) }));
		const provider = providerFrom(deepl, fetchImpl)!;
		expect(provider.name).toBe('deepl');
		expect(await provider.translate(['fiets', 'band'], 'nl', 'en', signal())).toEqual(['FIETS', 'BAND']);
		expect(calls).toHaveLength(1);
		expect(calls[0]!.url).toBe('https://api-free.deepl.com/v2/translate');
		expect(calls[0]!.headers.authorization).toBe('DeepL-Auth-Key secret:fx');
		expect(calls[0]!.body).toMatchObject({ text: ['fiets', 'band'], source_lang: 'NL', target_lang: 'EN-GB' });
		await provider.translate(['x'], 'en', 'lt', signal());
		expect(calls[1]!.body).toMatchObject({ source_lang: 'EN', target_lang: 'LT' });
	});

	it('splits long lists into requests of at most 50 texts', async () => {
		const { calls, fetchImpl } = fakeFetch((body) => json({ translations: (body.text as string[]).map((text) => ({ text: `~${text}` })) }));
		const pieces = Array.from({ length: MAX_PIECES_PER_REQUEST + 3 }, (_, i) => `line ${i}`);
		const out = await providerFrom(deepl, fetchImpl)!.translate(pieces, 'en', 'it', signal());
		expect(calls.map((c) => (c.body.text as string[]).length)).toEqual([50, 3]);
		expect(out).toEqual(pieces.map((p) => `~${p}`));
	});

	it('turns DeepL’s refusals and odd answers into translation_failed', async () => {
		const refused = await failure(providerFrom(deepl, fakeFetch(() => json({ message: 'Wrong endpoint' }, 403)).fetchImpl)!.translate(['a'], 'en', 'nl', signal()));
		expect(refused).toMatchObject({ code: 'translation_failed' });
		expect(refused.message).toContain('403');
		expect(refused.message).toContain('Wrong endpoint');
		expect(refused.message).not.toContain('secret');
		const short = await failure(providerFrom(deepl, fakeFetch(() => json({ translations: [] })).fetchImpl)!.translate(['a', 'b'], 'en', 'nl', signal()));
		expect(short.code).toBe('translation_failed');
		const unsupported = await failure(providerFrom(deepl, fakeFetch(() => json({})).fetchImpl)!.translate(['a'], 'en', 'xx', signal()));
		expect(unsupported.message).toContain('xx');
	});

	it('stops at the deadline', async () => {
		const hanging: FetchLike = (_url, init) =>
			new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
		const controller = new AbortController();
		const pending = providerFrom(deepl, hanging)!.translate(['a'], 'en', 'nl', controller.signal);
		controller.abort();
		expect((await failure(pending)).message).toContain('did not answer in time');
	});
});

describe('the LibreTranslate adapter', () => {
	it('posts q, source, target, format and the key to {url}/translate', async () => {
		const { calls, fetchImpl } = fakeFetch((body) => json({ translatedText: (body.q as string[]).map((q) => `${body.target}:${q}`) }));
		const provider = providerFrom({ provider: 'libretranslate', url: 'http://lt.local:5000', apiKey: undefined, timeoutMs: 1000 }, fetchImpl)!;
		expect(await provider.translate(['hallo'], 'nl', 'el', signal())).toEqual(['el:hallo']);
		expect(calls[0]!.url).toBe('http://lt.local:5000/translate');
		expect(calls[0]!.body).toEqual({ q: ['hallo'], source: 'nl', target: 'el', format: 'text' });
	});

	it('refuses more text than fits in one go without calling the server', async () => {
		const { calls, fetchImpl } = fakeFetch(() => json({ translatedText: [] }));
		const provider = providerFrom({ provider: 'libretranslate', url: 'http://lt.local', apiKey: undefined, timeoutMs: 1000 }, fetchImpl)!;
		expect((await failure(provider.translate(['x'.repeat(40_000)], 'en', 'nl', signal()))).message).toContain('too long');
		expect(calls).toHaveLength(0);
	});

	it('is off without configuration', () => {
		expect(providerFrom(undefined)).toBeUndefined();
	});
});
