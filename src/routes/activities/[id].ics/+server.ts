import type { RequestHandler } from './$types';
import { activityEvents } from '$lib/server/activities/calendar';
import { calendar } from '$lib/server/activities/ical';
import { activityForPage } from '$lib/server/pages/activity-pages';
import { pickText } from '$lib/i18n/locales';

/** One activity as an iCalendar file (each session its own event). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const activity = await activityForPage(locals, locals.actor, params.id);
	const name = pickText(activity.title, locals.locale, [activity.city.defaultLocale])?.text ?? 'Activity';
	const body = calendar(name, activityEvents(activity, locals.app.config.publicUrl), locals.locale);
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="activity-${activity.id}.ics"`,
			'cache-control': 'no-store'
		}
	});
};
