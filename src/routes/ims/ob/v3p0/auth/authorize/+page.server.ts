import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { approveAuthorization, checkAuthorizeRequest, denyAuthorization, type AuthorizeRequest } from '$lib/server/ob3api/authorization';
import { readForm } from '$lib/server/forms/forms';

/** What the consent page shows of the request: who asks, for what, and where the browser goes next. */
const presentRequest = (request: AuthorizeRequest) => ({
	clientName: request.client.name,
	clientUri: request.client.clientUri,
	policyUri: request.client.policyUri,
	tosUri: request.client.tosUri,
	returnsTo: new URL(request.redirectUri).host,
	scopes: request.scopes
});

/**
 * The consent page. A malformed request from a known app goes back to the app with its error; a
 * request that names no known app or an unregistered return address is explained here, never
 * redirected. A visitor signs in first and comes back to the same request.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const check = await checkAuthorizeRequest(locals.app.db, url.searchParams);
	if (check.kind === 'redirect') redirect(303, check.location);
	if (check.kind === 'refuse') return { refused: check.reason, request: null, userName: null };
	const actor = requireSignedIn(locals.actor, url);
	// Without JavaScript the decision is a form post answered by a redirect to the app, which the
	// Content Security Policy's form-action must allow: only this request's registered address.
	locals.formActionOrigins = [new URL(check.request.redirectUri).origin];
	return { refused: null, request: presentRequest(check.request), userName: actor.user.name };
};

export const actions: Actions = {
	/** The request stays in the page's query string; the form adds the learner's decision. */
	default: async ({ locals, request, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const check = await checkAuthorizeRequest(locals.app.db, url.searchParams);
		if (check.kind === 'refuse') return fail(400, { refused: check.reason });
		if (check.kind === 'redirect') redirect(303, check.location);
		locals.formActionOrigins = [new URL(check.request.redirectUri).origin];
		const decision = form.get('decision');
		if (decision === 'approve') redirect(303, await approveAuthorization(locals.app, actor, check.request));
		if (decision === 'deny') redirect(303, denyAuthorization(check.request));
		// Neither button: say so, rather than showing the same page again in silence.
		return fail(400, { refused: null, message: m.error_field_choice() });
	}
};
