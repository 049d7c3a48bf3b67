import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getActivity } from '$lib/server/activities/service';
import { activityEvents } from '$lib/server/activities/calendar';
import { calendar } from '$lib/server/activities/ical';
import { AppError } from '$lib/server/http/errors';
import { pickText } from '$lib/i18n/locales';

/** One activity as an iCalendar file (each session its own event). */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!/^[0-9a-f-]{36}$/i.test(params.id)) error(404, 'Activity not found');
	const activity = await getActivity(locals.app, locals.actor, params.id).catch((cause: unknown) => {
		if (cause instanceof AppError && cause.code === 'not_found') error(404, 'Activity not found');
		throw cause;
	});
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
