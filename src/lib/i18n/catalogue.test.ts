/**
 * Every interface language has a complete catalogue: the same keys as English, the same placeholders,
 * no empty text, and no long sentence left in English.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales';

const dir = path.resolve(import.meta.dirname, '../../../messages');
const load = (locale: string) => {
	const { $schema: _schema, ...messages } = JSON.parse(fs.readFileSync(path.join(dir, `${locale}.json`), 'utf8')) as Record<string, string>;
	return messages;
};
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const english = load('en');

// Texts that are the same in every language (names, codes).
const SAME_EVERYWHERE = new Set(['site_name']);

describe.each(LOCALES.filter((l) => l !== 'en'))('the %s catalogue', (locale) => {
	const messages = load(locale);

	it('has exactly the English keys', () => {
		expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
	});

	it('keeps every placeholder and leaves nothing empty', () => {
		for (const [key, text] of Object.entries(english)) {
			expect(messages[key]?.trim(), key).toBeTruthy();
			expect(placeholders(messages[key] ?? ''), key).toEqual(placeholders(text));
		}
	});

	it('translates every sentence', () => {
		const untranslated = Object.keys(english).filter(
			(key) => !SAME_EVERYWHERE.has(key) && english[key]!.length > 24 && messages[key] === english[key]
		);
		expect(untranslated).toEqual([]);
	});
});
