import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { confirmGuardianConsent, findConsentRequest } from '$lib/server/learners/guardian';
import { AppError } from '$lib/server/http/errors';

/** A replaced or expired link is a 404 page; the message is for logs, the page says it in words. */
async function orNotFound<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (cause) {
		if (cause instanceof AppError && cause.code === 'not_found') error(404, 'This link has been replaced or has expired.');
		throw cause;
	}
}

/** The page a guardian reaches from the e-mail: no account needed, the link is the proof. */
export const load: PageServerLoad = async ({ locals, params }) => ({ request: await orNotFound(() => findConsentRequest(locals.app, params.token)) });

export const actions: Actions = {
	default: async ({ locals, params }) => {
		// Answering twice (a double click, a second tab) is a yes already given, not an error.
		const request = await orNotFound(() => findConsentRequest(locals.app, params.token));
		if (request.confirmed) return { confirmed: true as const };
		await orNotFound(() => confirmGuardianConsent(locals.app, params.token));
		return { confirmed: true as const };
	}
};
