import { and, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import { users } from '../accounts/schema';
import { activities } from '../activities/schema';
import { cities } from '../cities/schema';
import { activityPath } from '../activities/presenters';
import { enrolments } from './schema';
import { reminderMail } from './mails';

/** How long before an activity starts its participants get a reminder. */
export const REMINDER_LEAD_HOURS = 24;

/**
 * Sends the reminders that are due. Each enrolment is claimed (marked) in the same statement that
 * selects it, with SKIP LOCKED, so that several instances running this at once send each reminder once.
 */
export async function sendDueReminders(app: Pick<AppContext, 'db' | 'mailer' | 'config'>, now = new Date()): Promise<number> {
	const horizon = new Date(now.getTime() + REMINDER_LEAD_HOURS * 3_600_000);
	const due = app.db
		.select({ id: enrolments.id })
		.from(enrolments)
		.innerJoin(activities, eq(activities.id, enrolments.activityId))
		.where(
			and(
				eq(enrolments.status, 'joined'),
				isNull(enrolments.reminderSentAt),
				eq(activities.status, 'published'),
				gt(activities.startsAt, now),
				lte(activities.startsAt, horizon)
			)
		)
		.limit(500)
		.for('update', { of: enrolments, skipLocked: true });
	const claimed = await app.db
		.update(enrolments)
		.set({ reminderSentAt: now })
		.where(inArray(enrolments.id, sql`(${due})`))
		.returning({ id: enrolments.id });
	if (claimed.length === 0) return 0;
	const rows = await app.db
		.select({
			email: users.email,
			name: users.name,
			locale: users.locale,
			activityId: activities.id,
			title: activities.title,
			startsAt: activities.startsAt,
			timezone: cities.timezone
		})
		.from(users)
		.innerJoin(enrolments, eq(enrolments.userId, users.id))
		.innerJoin(activities, eq(activities.id, enrolments.activityId))
		.innerJoin(cities, eq(cities.id, activities.cityId))
		.where(inArray(enrolments.id, claimed.map((c) => c.id)));
	for (const row of rows) {
		const when = new Intl.DateTimeFormat(row.locale ?? 'en', { dateStyle: 'full', timeStyle: 'short', timeZone: row.timezone }).format(row.startsAt!);
		await app.mailer.send(reminderMail(row, { title: row.title, url: `${app.config.publicUrl}${activityPath(row.activityId)}`, when }));
	}
	return claimed.length;
}
