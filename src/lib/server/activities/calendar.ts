import type { CalendarEvent } from './ical';
import type { ActivityRecord } from './queries';
import { activityPath } from './presenters';

/**
 * The calendar entries of an activity: one per session, else one for its whole span. An always-open
 * activity without dates has no entry.
 */
export function activityEvents(activity: ActivityRecord, publicUrl: string): CalendarEvent[] {
	const host = new URL(publicUrl).host;
	const base = {
		title: activity.title,
		description: activity.description,
		location: activity.mode === 'online' ? activity.onlineUrl : activity.locationAddress,
		url: `${publicUrl}${activityPath(activity.id)}`,
		updatedAt: activity.updatedAt,
		status: activity.status === 'archived' ? ('CANCELLED' as const) : ('CONFIRMED' as const)
	};
	if (activity.sessions.length) {
		return activity.sessions.map((session) => ({ ...base, uid: `${session.id}@${host}`, start: session.startsAt, end: session.endsAt }));
	}
	if (!activity.startsAt) return [];
	return [{ ...base, uid: `${activity.id}@${host}`, start: activity.startsAt, end: activity.endsAt }];
}
