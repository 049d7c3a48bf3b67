import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { requireUser } from '$lib/server/policies/policies';
import { getLearningProfile } from '$lib/server/learners/service';
import { recommendActivities } from '$lib/server/learners/recommendations';
import { ReasonDto } from '$lib/server/learners/schemas';
import { ActivitySummaryDto } from '$lib/server/discovery/schemas';
import { presentSummary } from '$lib/server/discovery/presenters';

export const GET = endpoint(
	{
		summary: 'Activities recommended for me',
		description: 'Ranked by the skills in my learning profile, then age, language, accessibility needs and distance, each with the reasons.',
		tags: ['Learners'],
		access: 'user',
		query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }),
		response: z.object({ items: z.array(z.object({ activity: ActivitySummaryDto, score: z.number(), reasons: z.array(ReasonDto) })) })
	},
	async ({ app, actor, query }) => {
		const userId = requireUser(actor).user.id;
		const recommendations = await recommendActivities(app, userId, await getLearningProfile(app, userId), { limit: query.limit });
		return { items: recommendations.map((r) => ({ activity: presentSummary(r.activity, app.config.publicUrl), score: r.score, reasons: r.reasons })) };
	}
);
