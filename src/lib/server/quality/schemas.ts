import { z } from 'zod';
import { LocalizedTextDto, LocalizedTextInput } from '../shared/schemas';

export const QualityAnswers = z
	.record(z.string().min(1).max(60), z.object({ met: z.boolean(), note: z.string().trim().max(1000).optional() }))
	.refine((answers) => Object.keys(answers).length <= 50, 'at most 50 answers');

export const SelfAssessmentInput = z.object({ answers: QualityAnswers }).meta({ id: 'QualitySelfAssessmentInput' });

export const QualityReviewInput = z
	.object({ decision: z.enum(['granted', 'withdrawn', 'changes_requested']), comment: z.string().trim().max(2000).optional() })
	.meta({ id: 'QualityReviewInput' });

export const ChecklistInput = z
	.object({
		items: z
			.array(
				z.object({
					id: z.string().trim().regex(/^[a-z0-9_]{2,60}$/, 'use lowercase letters, digits and _'),
					label: LocalizedTextInput(300).refine((t) => Object.keys(t).length > 0, { message: 'give the criterion in at least one language', params: { code: 'required' } }),
					help: LocalizedTextInput(1000).optional()
				})
			)
			.min(1)
			.max(30)
			.refine((items) => new Set(items.map((i) => i.id)).size === items.length, { message: 'each id only once', params: { code: 'duplicate' } })
	})
	.meta({ id: 'QualityChecklistInput' });

export const CriterionDto = z.object({ id: z.string(), label: LocalizedTextDto, help: LocalizedTextDto.optional() }).meta({ id: 'QualityCriterion' });

export const QualityDto = z
	.object({
		checklist: z.array(CriterionDto),
		assessment: z.record(z.string(), z.object({ met: z.boolean(), note: z.string().optional() })),
		complete: z.boolean().meta({ description: 'Whether every criterion is self-assessed as met' }),
		label: z.boolean(),
		labelSince: z.iso.datetime().nullable(),
		history: z.array(
			z.object({ decision: QualityReviewInput.shape.decision, comment: z.string().nullable(), reviewer: z.string().nullable(), at: z.iso.datetime() })
		)
	})
	.meta({ id: 'ActivityQuality' });
