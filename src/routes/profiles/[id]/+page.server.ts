import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { AppError } from '$lib/server/http/errors';
import { findPublicProfile } from '$lib/server/profiles/service';
import { presentPublicProfile } from '$lib/server/profiles/presenters';

/** A learner's public profile: only while they keep it switched on. */
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	try {
		const found = await findPublicProfile(locals.app, params.id);
		// Switching the profile off must take effect at once, also for caches between us and the visitor.
		setHeaders({ 'cache-control': 'no-store' });
		return { profile: presentPublicProfile(found, locals.app.frameworks, locals.app.config.publicUrl, locals.app.now()) };
	} catch (cause) {
		if (cause instanceof AppError && cause.code === 'not_found') error(404, 'Profile not found');
		throw cause;
	}
};
