import type { SubmitFunction } from '@sveltejs/kit';

/**
 * Pages that must be loaded as a document of their own, never rendered by the client-side router:
 * the OAuth consent page's Content Security Policy lets its form lead to the app's registered
 * address (form-action), and a policy only applies to the document it came with. Reached by a
 * client-side navigation, the page would keep the sign-in page's policy and the browser would refuse
 * to follow the consent answer back to the app.
 */
const OWN_DOCUMENT = /^\/ims\/ob\/v3p0\/auth\/authorize(?:[?#]|$)/;

/** `use:enhance` for the sign-in and sign-up forms: after signing in, go on to `next`. */
export const followNextAfterSignIn: SubmitFunction = () => async ({ result, update }) => {
	if (result.type === 'redirect' && OWN_DOCUMENT.test(result.location)) {
		window.location.assign(result.location);
		return;
	}
	await update();
};
