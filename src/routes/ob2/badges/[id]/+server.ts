import type { RequestHandler } from './$types';
import { ob2DocumentResponse } from '$lib/server/credentials/http';
import { ob2BadgeClass } from '$lib/server/credentials/ob2';
import { uuidParam } from '$lib/server/http/endpoint';

/** Open Badges 2.0 BadgeClass of an activity's badge. */
export const GET: RequestHandler = ({ locals, params }) => ob2DocumentResponse(() => ob2BadgeClass(locals.app, uuidParam(params.id, 'Badge')));
