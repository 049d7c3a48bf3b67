import { z } from 'zod';
import { LocaleCode } from '../shared/schemas';

export const TranslationStatus = z.enum(['missing', 'machine', 'reviewed']).meta({ id: 'TranslationStatus' });

const TranslatedTexts = z
	.object({
		title: z.string(),
		description: z.string().meta({ description: 'Markdown' }),
		imageAlt: z.string(),
		badgeName: z.string(),
		badgeDescription: z.string()
	})
	.meta({ id: 'TranslatedTexts', description: 'The texts of one locale; an empty string where there is none' });

export const LocaleTranslationDto = z
	.object({
		locale: LocaleCode,
		status: TranslationStatus,
		outdated: z.boolean().meta({ description: 'The source text changed after this translation was made or reviewed' }),
		source: LocaleCode.nullable().meta({ description: 'The locale it was translated from, when known' }),
		at: z.iso.datetime().nullable(),
		texts: TranslatedTexts
	})
	.meta({ id: 'LocaleTranslation' });

export const TranslationsDto = z
	.object({
		activityId: z.uuid(),
		machine: z
			.object({ enabled: z.boolean(), provider: z.enum(['libretranslate', 'deepl']).nullable() })
			.meta({ description: 'Whether machine drafts can be made (a provider is configured)' }),
		defaultSource: LocaleCode.meta({ description: 'The locale machine drafts are made from unless another is asked for' }),
		hasBadge: z.boolean(),
		hasImage: z.boolean(),
		locales: z.array(LocaleTranslationDto).meta({ description: 'The city’s locales, and any other locale with text' })
	})
	.meta({ id: 'ActivityTranslations' });
export type TranslationsDto = z.infer<typeof TranslationsDto>;

export const MachineTranslationInput = z
	.object({
		locales: z.array(LocaleCode).min(1).max(6).optional().meta({ description: 'Default: every locale of the city that has no text yet' }),
		source: LocaleCode.optional().meta({ description: 'Default: the city’s default locale if the activity has text in it' }),
		overwriteReviewed: z.boolean().default(false).meta({ description: 'Replace text a person wrote or reviewed in the listed locales' })
	})
	.meta({ id: 'MachineTranslationInput' });
export type MachineTranslationInput = z.infer<typeof MachineTranslationInput>;

export const MachineTranslationDto = z
	.object({
		translated: z.array(LocaleCode),
		skipped: z.array(z.object({ locale: LocaleCode, reason: z.enum(['reviewed', 'source']) })),
		translations: TranslationsDto
	})
	.meta({ id: 'MachineTranslationResult' });

export const SaveTranslationInput = z
	.object({
		title: z.string().trim().min(1).max(200),
		description: z.string().trim().max(20_000).default(''),
		imageAlt: z.string().trim().max(300).optional(),
		badgeName: z.string().trim().max(120).optional(),
		badgeDescription: z.string().trim().max(2000).optional(),
		status: z.enum(['reviewed', 'machine']).default('reviewed').meta({ description: '`reviewed` when a person wrote or checked it' })
	})
	.meta({ id: 'SaveTranslationInput' });
export type SaveTranslationInput = z.infer<typeof SaveTranslationInput>;
