import type { RequestHandler } from './$types';
import { playlistBadgeResponse } from '$lib/server/playlists/http';

/** The playlist's badge image (the achievement image of its credentials). */
export const GET: RequestHandler = ({ locals, params, request }) => playlistBadgeResponse(locals.app, locals.actor, params.id, 'png', request);
