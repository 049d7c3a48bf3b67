import { sql } from 'drizzle-orm';
import type { RequestHandler } from './$types';

/** Liveness and readiness: 200 when the database answers. */
export const GET: RequestHandler = async ({ locals }) => {
	try {
		await locals.app.db.execute(sql`select 1`);
		return Response.json({ status: 'ok' });
	} catch (error) {
		locals.logger.error({ err: error }, 'health check failed');
		return Response.json({ status: 'unavailable' }, { status: 503 });
	}
};
