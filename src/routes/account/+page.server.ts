
import type { Actions, PageServerLoad } from './$types';
import { ChangeEmailInput, ChangePasswordInput, UpdateProfileInput } from '$lib/server/accounts/schemas';
import { changeEmail, changePassword, describeMe, resendVerification, updateProfile } from '$lib/server/accounts/service';
import { applySetCookies } from '$lib/server/http/cookies';
import { failureFor, handleForm } from '$lib/server/forms/forms';
import { requireSignedIn } from '$lib/server/pages/guards';
import { AppError } from '$lib/server/http/errors';
import { LOCALE_COOKIE } from '$lib/server/i18n/request-locale';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	return { me: await describeMe(locals.app, actor), welcome: url.searchParams.has('welcome') };
};

export const actions: Actions = {
	profile: async (event) => {
		const actor = requireSignedIn(event.locals.actor, event.url);
		return handleForm(event.request, UpdateProfileInput, {}, async (input, form) => {
			// An empty language choice means "follow the city or the browser".
			const locale = form.get('locale') === '' ? null : input.locale;
			await updateProfile(event.locals.app, actor, { name: input.name, locale });
			if (locale) event.cookies.set(LOCALE_COOKIE, locale, { path: '/', maxAge: 31_536_000, httpOnly: true, sameSite: 'lax' });
			else event.cookies.delete(LOCALE_COOKIE, { path: '/' });
			return { saved: 'profile' as const };
		});
	},
	resend: async (event) => {
		const actor = requireSignedIn(event.locals.actor, event.url);
		try {
			await resendVerification(event.locals.app, actor);
			return { saved: 'resend' as const };
		} catch (error) {
			if (error instanceof AppError) return failureFor(error);
			throw error;
		}
	},
	email: async (event) => {
		const actor = requireSignedIn(event.locals.actor, event.url);
		return handleForm(event.request, ChangeEmailInput, {}, async (input) => {
			await changeEmail(event.locals.app, actor, input.newEmail, event.request.headers);
			return { saved: 'email' as const, newEmail: input.newEmail };
		});
	},
	password: async (event) => {
		const actor = requireSignedIn(event.locals.actor, event.url);
		return handleForm(event.request, ChangePasswordInput, {}, async (input) => {
			const result = await changePassword(event.locals.app, actor, input, event.request.headers);
			applySetCookies(result.headers, event.cookies);
			return { saved: 'password' as const };
		});
	}
};

