import { error } from '@sveltejs/kit';
import { and, eq, inArray } from 'drizzle-orm';
import type { RequestHandler } from './$types';
import { userByCalendarToken } from '$lib/server/learners/service';
import { enrolments } from '$lib/server/enrolments/schema';
import { users } from '$lib/server/accounts/schema';
import { loadActivities } from '$lib/server/activities/queries';
import { activityEvents } from '$lib/server/activities/calendar';
import { calendar } from '$lib/server/activities/ical';
import { isLocale } from '$lib/i18n/locales';

/** A learner's joined activities, for calendar apps; the secret in the address is the only credential. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const userId = await userByCalendarToken(locals.app, params.token);
	if (!userId) error(404, 'Not found');
	const [user] = await locals.app.db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
	const mine = await locals.app.db
		.select({ activityId: enrolments.activityId })
		.from(enrolments)
		.where(and(eq(enrolments.userId, userId), inArray(enrolments.status, ['joined', 'submitted', 'completed'])));
	const records = await loadActivities(locals.app.db, mine.map((e) => e.activityId));
	const locale = isLocale(user?.locale) ? user.locale : locals.locale;
	const body = calendar('Cities of Learning', records.flatMap((r) => activityEvents(r, locals.app.config.publicUrl)), locale);
	return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' } });
};
