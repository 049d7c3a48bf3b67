import type { TranslationConfig } from '../config/config';
import { AppError } from '../http/errors';
import { readStreamUpTo } from '../http/validation';
import { createDeepL } from './deepl';
import { createLibreTranslate } from './libretranslate';

/**
 * One interface for every machine translation service: a list of plain-text pieces in, the same
 * number of pieces out, in the same order. Markdown is split into such pieces before (see segments.ts).
 */
export interface TranslationProvider {
	readonly name: 'libretranslate' | 'deepl';
	translate(pieces: string[], source: string, target: string, signal: AbortSignal): Promise<string[]>;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** More characters than any activity's texts can hold (title 200 + description 20,000 + a few short fields). */
export const MAX_CHARACTERS = 30_000;
/** A translation answer is a little longer than what was sent; anything far larger is not an answer. */
const MAX_RESPONSE_BYTES = 1_000_000;
/** DeepL takes up to 50 texts per request; LibreTranslate servers often limit the batch too. */
export const MAX_PIECES_PER_REQUEST = 50;

export const translationFailed = (message: string) => new AppError('translation_failed', message);
export const translationUnavailable = () =>
	new AppError('translation_unavailable', 'Machine translation is off: no provider is configured (TRANSLATE_PROVIDER). Translations can still be written by hand.');

/**
 * The configured provider, or undefined when machine translation is off. The provider's address is
 * the operator's configuration, not something a user typed, so it is called directly and not through
 * the public-address guard of public-fetch.ts: a LibreTranslate server on localhost or the intranet is
 * the usual set-up.
 */
export function providerFrom(config: TranslationConfig | undefined, fetchImpl: FetchLike = fetch): TranslationProvider | undefined {
	if (!config) return undefined;
	return config.provider === 'deepl' ? createDeepL(config, fetchImpl) : createLibreTranslate(config, fetchImpl);
}

/** Sends a JSON request and reads a JSON answer of bounded size; every failure becomes translation_failed. */
export async function postForJson(fetchImpl: FetchLike, url: string, init: { headers: Record<string, string>; body: string; signal: AbortSignal }, provider: string): Promise<unknown> {
	let response: Response;
	try {
		response = await fetchImpl(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...init.headers }, body: init.body, signal: init.signal, redirect: 'error' });
	} catch (cause) {
		const timedOut = init.signal.aborted;
		throw translationFailed(timedOut ? `${provider} did not answer in time.` : `${provider} could not be reached (${(cause as Error).message}).`);
	}
	const text = await readLimited(response, init.signal, provider);
	if (!response.ok) throw translationFailed(`${provider} answered ${response.status}${describeError(text)}.`);
	try {
		return JSON.parse(text);
	} catch {
		throw translationFailed(`${provider} did not answer with JSON.`);
	}
}

async function readLimited(response: Response, signal: AbortSignal, provider: string): Promise<string> {
	if (!response.body) return '';
	try {
		const tooLarge = () => translationFailed(`${provider} answered with more than ${MAX_RESPONSE_BYTES} bytes.`);
		return (await readStreamUpTo(response.body, MAX_RESPONSE_BYTES, tooLarge)).toString('utf8');
	} catch (cause) {
		if (cause instanceof AppError) throw cause;
		throw translationFailed(signal.aborted ? `${provider} did not answer in time.` : `${provider} broke off its answer.`);
	}
}

/** A provider's own error text, short, for the log and the API message (never the request's key). */
function describeError(body: string): string {
	try {
		const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
		const message = typeof parsed.error === 'string' ? parsed.error : typeof parsed.message === 'string' ? parsed.message : '';
		return message ? `: ${message.slice(0, 200)}` : '';
	} catch {
		return '';
	}
}

/** Splits pieces into requests of at most MAX_PIECES_PER_REQUEST, one after the other, under one deadline. */
export async function inBatches(pieces: string[], translateBatch: (batch: string[]) => Promise<string[]>): Promise<string[]> {
	const characters = pieces.reduce((sum, piece) => sum + piece.length, 0);
	if (characters > MAX_CHARACTERS) throw translationFailed(`The text is too long to translate at once (${characters} characters, at most ${MAX_CHARACTERS}).`);
	const out: string[] = [];
	for (let start = 0; start < pieces.length; start += MAX_PIECES_PER_REQUEST) {
		const batch = pieces.slice(start, start + MAX_PIECES_PER_REQUEST);
		const translated = await translateBatch(batch);
		if (translated.length !== batch.length) throw translationFailed('The translation service answered with a different number of texts than it was sent.');
		out.push(...translated);
	}
	return out;
}
