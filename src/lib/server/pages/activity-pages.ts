import { error } from '@sveltejs/kit';
import type { Actor, SignedInActor } from '../auth/actor';
import { getActivity } from '../activities/service';
import type { ActivityRecord } from '../activities/queries';
import { AppError } from '../http/errors';
import { isUuid } from '../http/validation';
import { can } from '../policies/policies';
import { requireSignedIn } from './guards';

/** The activity a page is about, as `actor` may see it; a 404 page otherwise. */
export async function activityForPage(locals: App.Locals, actor: Actor, id: string): Promise<ActivityRecord> {
	if (!isUuid(id)) error(404, 'Activity not found');
	return getActivity(locals.app, actor, id).catch((cause: unknown) => {
		if (cause instanceof AppError && cause.code === 'not_found') error(404, 'Activity not found');
		throw cause;
	});
}

/** For the pages organisers award badges from: signed in, and a member of the activity's organisation. */
export async function awardableActivity(locals: App.Locals, url: URL, id: string): Promise<{ actor: SignedInActor; activity: ActivityRecord }> {
	const actor = requireSignedIn(locals.actor, url);
	const activity = await activityForPage(locals, actor, id);
	if (!can(actor, 'credential.award', { cityId: activity.cityId, organisationId: activity.organisationId })) error(403, 'Organisers only');
	return { actor, activity };
}
