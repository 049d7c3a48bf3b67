import { eq } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import { users } from '../accounts/schema';
import { activities } from '../activities/schema';
import { activityPath } from '../activities/presenters';
import { placeFreedMail, removedMail } from './mails';

type Deps = Pick<AppContext, 'db' | 'mailer' | 'config'>;

async function personAndActivity(app: Deps, userId: string, activityId: string) {
	const [person] = await app.db.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, userId));
	const [activity] = await app.db.select({ title: activities.title }).from(activities).where(eq(activities.id, activityId));
	if (!person || !activity) return undefined;
	return { person, activity: { title: activity.title, url: `${app.config.publicUrl}${activityPath(activityId)}` } };
}

/** Tells someone from the waiting list that they now have a place. */
export async function notifyPromotion(app: Deps, userId: string, activityId: string) {
	const found = await personAndActivity(app, userId, activityId);
	if (found) await app.mailer.send(placeFreedMail(found.person, found.activity));
}

/** Tells a participant that the organisers took them off the activity. */
export async function notifyRemoval(app: Deps, userId: string, activityId: string) {
	const found = await personAndActivity(app, userId, activityId);
	if (found) await app.mailer.send(removedMail(found.person, found.activity));
}
