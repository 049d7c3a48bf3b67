import { z } from 'zod';
import { LOCALES } from '../../i18n/locales';

/** Schemas shared by several features. */
export const LocaleCode = z.enum(LOCALES);

/** Per-locale content: `{ "en": "...", "nl": "..." }`, keys limited to the platform's locales. */
export const LocalizedTextInput = (max: number) =>
	z
		.partialRecord(LocaleCode, z.string().trim().max(max))
		.transform((text) =>
			Object.fromEntries(Object.entries(text).filter((entry): entry is [string, string] => Boolean(entry[1])))
		)
		.meta({ description: 'Text per locale, for example {"en": "...", "nl": "..."}' });

export const LocalizedTextDto = z.record(z.string(), z.string()).meta({ id: 'LocalizedText' });

export const Slug = z
	.string()
	.trim()
	.toLowerCase()
	.min(2)
	.max(60)
	.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens')
	.meta({ example: 'breda' });

export const PageQuery = z.object({
	page: z.coerce.number().int().min(1).max(10_000).default(1),
	limit: z.coerce.number().int().min(1).max(100).default(20)
});

export const IdParam = z.uuid();

/** Accepts an https or http URL and nothing else (no javascript:, data:, ...). */
export const WebUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.domain }).max(500);

export const Paged = <T extends z.ZodType>(item: T) =>
	z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), limit: z.number().int() });

export function isValidTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}
