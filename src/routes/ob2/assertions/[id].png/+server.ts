import type { RequestHandler } from './$types';
import { ob2BakedResponse } from '$lib/server/credentials/http';

/** The badge image baked the Open Badges 2.0 way (the hosted assertion's URL). */
export const GET: RequestHandler = ({ locals, params, request }) => ob2BakedResponse(locals.app, params.id, request);
