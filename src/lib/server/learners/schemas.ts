import { z } from 'zod';
import { AccessibilityFeature, ActivityType } from '../activities/schemas';
import { SkillIds } from '../frameworks/schemas';

export const LearningProfileInput = z
	.object({
		birthYear: z.number().int().min(1900).max(new Date().getUTCFullYear()).nullable().optional(),
		languages: z.array(z.string().trim().toLowerCase().regex(/^[a-z]{2,3}$/)).max(20).optional(),
		accessibilityNeeds: z.array(AccessibilityFeature).max(20).optional(),
		inclusionStatsConsent: z
			.boolean()
			.optional()
			.meta({ description: 'Whether the stated accessibility needs may be counted, anonymously and in aggregates only, in the city’s inclusion figures.' }),
		skillNeeds: SkillIds.optional(),
		interests: z.array(ActivityType).max(20).optional(),
		home: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).nullable().optional()
	})
	.meta({ id: 'LearningProfileInput' });
export type LearningProfileInput = z.infer<typeof LearningProfileInput>;

export const LearningProfileDto = z
	.object({
		birthYear: z.number().int().nullable(),
		languages: z.array(z.string()),
		accessibilityNeeds: z.array(AccessibilityFeature),
		inclusionStatsConsent: z.boolean(),
		skillNeeds: z.array(z.string()),
		interests: z.array(ActivityType),
		home: z.object({ lat: z.number(), lon: z.number() }).nullable()
	})
	.meta({ id: 'LearningProfile' });
export type LearningProfileDto = z.infer<typeof LearningProfileDto>;

export const ReasonDto = z
	.object({
		code: z.enum(['skill', 'age', 'language', 'accessibility', 'near', 'online', 'interest', 'quality']),
		detail: z.string().optional().meta({ description: 'The skill id, the distance in km, ...' })
	})
	.meta({ id: 'RecommendationReason' });
