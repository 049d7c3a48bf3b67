import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { mySkillProfile } from '$lib/server/wallet/service';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	return { profile: await mySkillProfile(locals.app, actor) };
};
