import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const actor = locals.actor;
	return {
		locale: locals.locale,
		user:
			actor.kind === 'user'
				? {
						id: actor.user.id,
						name: actor.user.name,
						email: actor.user.email,
						emailVerified: actor.user.emailVerified,
						isPlatformAdmin: actor.user.isPlatformAdmin
					}
				: null
	};
};
