import { eq } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import { users } from '../accounts/schema';
import { activities } from '../activities/schema';
import { activityPath } from '../activities/presenters';
import { placeFreedMail } from './mails';

/** Tells someone from the waiting list that they now have a place. */
export async function notifyPromotion(app: Pick<AppContext, 'db' | 'mailer' | 'config'>, userId: string, activityId: string) {
	const [person] = await app.db.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, userId));
	const [activity] = await app.db.select({ title: activities.title }).from(activities).where(eq(activities.id, activityId));
	if (!person || !activity) return;
	await app.mailer.send(placeFreedMail(person, { title: activity.title, url: `${app.config.publicUrl}${activityPath(activityId)}` }));
}
