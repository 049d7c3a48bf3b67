import type { RequestHandler } from './$types';
import { ob2DocumentResponse } from '$lib/server/credentials/http';
import { ob2Issuer } from '$lib/server/credentials/ob2';
import { uuidParam } from '$lib/server/http/endpoint';

/** Open Badges 2.0 Issuer profile of an organisation. */
export const GET: RequestHandler = ({ locals, params }) => ob2DocumentResponse(() => ob2Issuer(locals.app, uuidParam(params.id, 'Issuer')));
