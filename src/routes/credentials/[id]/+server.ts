import type { RequestHandler } from './$types';
import { credentialResponse } from '$lib/server/credentials/http';

/** Machines asking for JSON-LD get the credential itself; people (Accept: text/html) get the page. */
export const GET: RequestHandler = ({ locals, params }) => credentialResponse(locals.app, params.id);
