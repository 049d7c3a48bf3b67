import type { RequestHandler } from './$types';
import { json, ob3Resource, preflight } from '$lib/server/ob3api/http';
import { readProfile, requireGrant, updateProfile } from '$lib/server/ob3api/resources';
import { SCOPES } from '$lib/server/ob3api/scopes';

export const GET: RequestHandler = ({ locals, request }) =>
	ob3Resource(locals.logger, async () => json(await readProfile(locals.app, await requireGrant(locals.app, request, SCOPES.profileRead))));

export const PUT: RequestHandler = ({ locals, request }) =>
	ob3Resource(locals.logger, async () => json(await updateProfile(locals.app, await requireGrant(locals.app, request, SCOPES.profileUpdate), request)));

export const OPTIONS: RequestHandler = () => preflight('GET, PUT');
