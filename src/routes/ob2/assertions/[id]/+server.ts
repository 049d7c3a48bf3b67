import type { RequestHandler } from './$types';
import { ob2AssertionResponse } from '$lib/server/credentials/http';

/** Open Badges 2.0 hosted assertion of a credential. */
export const GET: RequestHandler = ({ locals, params }) => ob2AssertionResponse(locals.app, params.id);
