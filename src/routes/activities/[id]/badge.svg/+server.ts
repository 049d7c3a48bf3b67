import type { RequestHandler } from './$types';
import { activityBadgeResponse } from '$lib/server/credentials/http';

/** The activity's badge image (the achievement image of its credentials). */
export const GET: RequestHandler = ({ locals, params, request }) => activityBadgeResponse(locals.app, locals.actor, params.id, 'svg', request);
