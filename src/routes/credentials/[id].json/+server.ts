import type { RequestHandler } from './$types';
import { credentialResponse } from '$lib/server/credentials/http';

export const GET: RequestHandler = ({ locals, params }) => credentialResponse(locals.app, params.id, { download: true });
