import { z } from 'zod';

export const FrameworkSummaryDto = z
	.object({
		id: z.string(),
		name: z.string(),
		version: z.string(),
		publisher: z.string(),
		source: z.string(),
		license: z.string(),
		itemCount: z.number().int()
	})
	.meta({ id: 'FrameworkSummary' });

export const SkillDto = z
	.object({
		id: z.string().meta({ example: 'lifecomp:P1.1' }),
		frameworkId: z.string(),
		code: z.string(),
		title: z.string(),
		description: z.string(),
		type: z.enum(['area', 'competence', 'descriptor', 'level']),
		kind: z.string().nullable(),
		level: z.number().int().nullable(),
		uri: z.string().nullable(),
		path: z.array(z.string()).meta({ description: 'Titles of the item’s ancestors, from the framework root' }),
		selectable: z.boolean().meta({ description: 'Whether it can be chosen as a skill of an activity' })
	})
	.meta({ id: 'Skill' });
export type SkillDto = z.infer<typeof SkillDto>;

export type { SkillTreeNode } from '../../frameworks/types';
import type { SkillTreeNode } from '../../frameworks/types';
export const SkillTreeNodeDto: z.ZodType<SkillTreeNode> = SkillDto.extend({
	get children() {
		return z.array(SkillTreeNodeDto);
	}
}).meta({ id: 'SkillTreeNode' });

export const FrameworkDto = FrameworkSummaryDto.extend({ items: z.array(SkillTreeNodeDto) }).meta({ id: 'Framework' });

export const SkillSearchQuery = z.object({
	q: z.string().trim().min(1).max(200),
	framework: z.union([z.string(), z.array(z.string())]).optional(),
	limit: z.coerce.number().int().min(1).max(100).default(20)
});

/** A list of skill ids as activities and interests take them: `lifecomp:P1.1`, at most 50. */
export const SkillIds = z.array(z.string().trim().min(3).max(120)).max(50);
