import type { RequestHandler } from './$types';
import { ob3Resource, preflight } from '$lib/server/ob3api/http';
import { listCredentialsPage, requireGrant, upsertCredential } from '$lib/server/ob3api/resources';
import { SCOPES } from '$lib/server/ob3api/scopes';

export const GET: RequestHandler = ({ locals, request, url }) =>
	ob3Resource(locals.logger, async () => listCredentialsPage(locals.app, await requireGrant(locals.app, request, SCOPES.credentialRead), url));

export const POST: RequestHandler = ({ locals, request }) =>
	ob3Resource(locals.logger, async () => upsertCredential(locals.app, await requireGrant(locals.app, request, SCOPES.credentialUpsert), request));

export const OPTIONS: RequestHandler = () => preflight('GET, POST');
