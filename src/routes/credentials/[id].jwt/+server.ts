import type { RequestHandler } from './$types';
import { jwtCredentialResponse } from '$lib/server/credentials/http';

/** The credential in its VC-JWT form. */
export const GET: RequestHandler = ({ locals, params }) => jwtCredentialResponse(locals.app, params.id);
