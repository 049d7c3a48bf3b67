import { loadCredentialSecret } from '../credentials/secret';
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Config } from '../config/config';
import type { Logger } from '../logging/logger';
import { openDatabase, type Database, type Db } from '../db/database';
import { createAuth, type Auth } from '../auth/better-auth';
import { createMailer, type Mailer } from '../mail/mailer';
import { allowPrivateHosts } from '../http/public-fetch';
import { platformSettings } from '../platform/schema';
import { defaultFrameworksFolder, FrameworkCatalog, readFrameworkFiles } from '../frameworks/catalog';
import { syncFrameworks } from '../frameworks/loader';
import { createFileStore, type FileStore } from '../files/store';

/**
 * Everything a request handler or a CLI command needs, built once per process. Services take the parts
 * they use (`Pick<AppContext, 'db' | 'mailer'>`), so tests and scripts can build them without a server.
 */
export interface AppContext {
	config: Config;
	logger: Logger;
	database: Database;
	db: Db;
	auth: Auth;
	mailer: Mailer;
	/** The competence frameworks, in memory (and in the database, for joins). */
	frameworks: FrameworkCatalog;
	/** Encrypts and decrypts issuers' signing keys (see credentials/secret.ts). */
	credentialSecret: Buffer;
	/** Uploaded files: the local disk, or S3-compatible object storage (files/store.ts). */
	files: FileStore;
	now: () => Date;
}

export async function createAppContext(config: Config, logger: Logger): Promise<AppContext> {
	const database = await openDatabase({
		databaseUrl: config.databaseUrl,
		dataDir: config.dataDir,
		poolSize: config.databasePoolSize
	});
	try {
		await database.migrate();
		const frameworkFiles = readFrameworkFiles(defaultFrameworksFolder());
		await syncFrameworks(database.db, frameworkFiles);
		const secret = config.authSecret ?? (await sharedAuthSecret(database.db));
		allowPrivateHosts(config.fetchAllowPrivateHosts);
		const mailer = createMailer({ smtp: config.smtp, from: config.mailFrom, logger, db: database.db });
		const auth = createAuth({ db: database.db, mailer, publicUrl: config.publicUrl, secret });
		const frameworks = new FrameworkCatalog(frameworkFiles);
		const credentialSecret = loadCredentialSecret({ secret: config.credentialSecret, dataDir: config.dataDir });
		return { config, logger, database, db: database.db, auth, mailer, frameworks, credentialSecret, files: createFileStore(config), now: () => new Date() };
	} catch (error) {
		await database.close().catch(() => {});
		throw error;
	}
}

/**
 * The secret that signs sessions and e-mail tokens. Unless AUTH_SECRET is set it is generated on first
 * start and kept in the database, so every instance on one PostgreSQL shares it.
 */
async function sharedAuthSecret(db: Db): Promise<string> {
	await db
		.insert(platformSettings)
		.values({ key: 'auth_secret', value: sql`${JSON.stringify(randomBytes(32).toString('base64url'))}::jsonb` })
		.onConflictDoNothing();
	const [row] = await db.select().from(platformSettings).where(eq(platformSettings.key, 'auth_secret'));
	if (typeof row?.value !== 'string') throw new Error('The auth secret could not be stored in the database.');
	return row.value;
}
