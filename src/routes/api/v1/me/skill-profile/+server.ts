import { endpoint } from '$lib/server/http/endpoint';
import { requireUser } from '$lib/server/policies/policies';
import { SkillProfileDto } from '$lib/server/wallet/schemas';
import { mySkillProfile } from '$lib/server/wallet/service';

export const GET = endpoint(
	{
		summary: 'My skill profile',
		description: 'Per framework and competence, how many of my credentials give evidence for it (from the skills aligned in each signed credential). Frameworks without evidence are left out.',
		tags: ['Learners'],
		access: 'user',
		response: SkillProfileDto
	},
	async ({ app, actor }) => ({ frameworks: await mySkillProfile(app, requireUser(actor)) })
);
