import { redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { RequestHandler } from './$types';
import { isLocale } from '$lib/i18n/locales';
import { LOCALE_COOKIE } from '$lib/server/i18n/request-locale';
import { safeRedirectPath } from '$lib/server/pages/guards';
import { users } from '$lib/server/accounts/schema';

/** The language switcher's target: remembers the choice (cookie, and the account when signed in). */
export const POST: RequestHandler = async ({ request, cookies, locals, url }) => {
	const form = await request.formData().catch(() => new FormData());
	const locale = form.get('locale');
	const back = safeRedirectPath(form.get('redirectTo'));
	if (isLocale(locale)) {
		cookies.set(LOCALE_COOKIE, locale, {
			path: '/',
			maxAge: 60 * 60 * 24 * 365,
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:'
		});
		if (locals.actor.kind === 'user') {
			await locals.app.db.update(users).set({ locale }).where(eq(users.id, locals.actor.user.id));
		}
	}
	redirect(303, back);
};
