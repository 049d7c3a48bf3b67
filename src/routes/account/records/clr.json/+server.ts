import type { RequestHandler } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { recordDownload } from '$lib/server/records/http';

export const GET: RequestHandler = ({ locals, url }) => recordDownload(locals.app, requireSignedIn(locals.actor, url), 'clr.json');
