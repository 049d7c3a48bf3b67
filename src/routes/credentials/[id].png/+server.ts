import type { RequestHandler } from './$types';
import { bakedCredentialResponse } from '$lib/server/credentials/http';

/** The badge image with the credential baked in. */
export const GET: RequestHandler = ({ locals, params, request }) => bakedCredentialResponse(locals.app, params.id, 'png', request);
