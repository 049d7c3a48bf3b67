import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { LearningProfileInput } from '$lib/server/learners/schemas';
import { getLearningProfile, updateLearningProfile } from '$lib/server/learners/service';
import { frameworkTree } from '$lib/server/frameworks/service';
import type { SkillTreeNode } from '$lib/frameworks/types';
import { failureFor, formDataToObject, issuesToErrors } from '$lib/server/forms/forms';
import { toFieldIssues } from '$lib/server/http/validation';
import { AppError } from '$lib/server/http/errors';
import { requireSignedIn } from '$lib/server/pages/guards';

const prune = (nodes: SkillTreeNode[]): SkillTreeNode[] => nodes.filter((n) => n.selectable).map((n) => ({ ...n, description: '', children: prune(n.children) }));

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	return {
		profile: await getLearningProfile(locals.app, actor.user.id),
		frameworks: locals.app.frameworks.frameworks.map((f) => ({ id: f.id, name: f.name, items: prune(frameworkTree(locals.app.frameworks, f.id)) }))
	};
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		const form = await request.formData();
		const raw = formDataToObject(form, { arrays: ['languages', 'accessibilityNeeds', 'skillNeeds', 'interests'], numbers: ['birthYear', 'home.lat', 'home.lon'], booleans: ['inclusionStatsConsent'] });
		// Empty fields clear what was there before.
		const input = { ...raw, birthYear: raw.birthYear ?? null, home: raw.home ?? null };
		const parsed = LearningProfileInput.safeParse(input);
		if (!parsed.success) return fail(422, { errors: issuesToErrors(toFieldIssues(parsed.error)) });
		try {
			await updateLearningProfile(locals.app, actor, parsed.data);
			return { saved: true as const };
		} catch (cause) {
			if (cause instanceof AppError) return failureFor(cause);
			throw cause;
		}
	}
};
