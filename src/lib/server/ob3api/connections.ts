import { and, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { notFound } from '../http/errors';
import { requireUser } from '../policies/policies';
import { ob3Clients, ob3Connections } from './schema';

/** The apps a learner let into their wallet, for the connected-apps page. */
export async function listConnectedApps(app: Pick<AppContext, 'db'>, actor: Actor) {
	const user = requireUser(actor);
	return app.db
		.select({ id: ob3Connections.id, name: ob3Clients.name, clientUri: ob3Clients.clientUri, scopes: ob3Connections.scopes, since: ob3Connections.createdAt, lastUsedAt: ob3Connections.lastUsedAt })
		.from(ob3Connections)
		.innerJoin(ob3Clients, eq(ob3Clients.id, ob3Connections.clientId))
		.where(eq(ob3Connections.userId, user.user.id))
		.orderBy(desc(ob3Connections.createdAt));
}

/** Ends an app's access at once: its codes and tokens go with the connection (foreign keys cascade). */
export async function revokeConnectedApp(app: Pick<AppContext, 'db'>, actor: Actor, connectionId: string) {
	const user = requireUser(actor);
	const deleted = await app.db
		.delete(ob3Connections)
		.where(and(eq(ob3Connections.id, connectionId), eq(ob3Connections.userId, user.user.id)))
		.returning({ id: ob3Connections.id });
	if (deleted.length === 0) throw notFound('Connected app');
}
