import type { RequestHandler } from './$types';
// The documented template, bundled at build time (one file, in docs/, for readers of the repository too).
import template from '../../../docs/import-template.csv?raw';

export const GET: RequestHandler = () =>
	new Response(template, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="import-template.csv"', 'cache-control': 'public, max-age=3600' } });
