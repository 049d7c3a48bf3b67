import { endpoint } from '$lib/server/http/endpoint';
import { requireUser } from '$lib/server/policies/policies';
import { LearningProfileDto, LearningProfileInput } from '$lib/server/learners/schemas';
import { getLearningProfile, updateLearningProfile } from '$lib/server/learners/service';

export const GET = endpoint(
	{ summary: 'My learning profile', description: 'Interests, skills I want to develop, age, languages, accessibility needs, home.', tags: ['Learners'], access: 'user', response: LearningProfileDto },
	async ({ app, actor }) => getLearningProfile(app, requireUser(actor).user.id)
);

export const PUT = endpoint(
	{
		summary: 'Update my learning profile',
		description: 'Every field is optional and voluntary; fields left out stay as they are. It shapes the recommendations.',
		tags: ['Learners'],
		access: 'user',
		body: LearningProfileInput,
		response: LearningProfileDto
	},
	async ({ app, actor, body }) => updateLearningProfile(app, requireUser(actor), body)
);
