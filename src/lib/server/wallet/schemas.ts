import { z } from 'zod';

export const SkillProfileDto = z
	.object({
		frameworks: z.array(
			z.object({
				id: z.string(),
				name: z.string(),
				credentials: z.number().int().meta({ description: 'My credentials with evidence for anything in this framework' }),
				areas: z.array(
					z.object({
						id: z.string(),
						title: z.string(),
						competences: z.array(z.object({ id: z.string(), code: z.string(), title: z.string(), count: z.number().int().meta({ description: 'My non-revoked credentials aligned to it (or to one of its descriptors)' }) }))
					})
				)
			})
		)
	})
	.meta({ id: 'SkillProfile' });
