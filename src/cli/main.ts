/**
 * `npm run cli -- <command>`: operator commands that run without the server. On the embedded database
 * they take the data directory lock, so stop the server first.
 */
import fs from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { ConfigError, loadConfig, type Config } from '../lib/server/config/config';
import { createLogger } from '../lib/server/logging/logger';
import { openDatabase } from '../lib/server/db/database';
import { createAppContext, type AppContext } from '../lib/server/app/context';
import { ensurePlatformAdmin } from '../lib/server/app/bootstrap';
import { unsafeCreateCity } from '../lib/server/cities/service';
import { CreateCityInput } from '../lib/server/cities/schemas';
import { RegisterInput } from '../lib/server/accounts/schemas';
import { AppError } from '../lib/server/http/errors';
import { parseWith } from '../lib/server/http/validation';
import { parseOptions, requireOption } from './args';
import { backup, restore } from './backup';
import { isUuid } from '../lib/server/http/validation';
import { findOrganisationScope } from '../lib/server/organisations/queries';
import { rotateIssuerKey } from '../lib/server/credentials/issuer';
import { issuerContext } from '../lib/server/credentials/issuer';
import { recordAudit } from '../lib/server/platform/audit';
import { seedDemo } from '../lib/server/stats/demo';

const HELP = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                          Create or update the database schema.
  create-admin --email E --name N  Create a platform admin (or promote an existing account).
               [--password P]      The password; otherwise it is asked for, or read from standard input.
  create-city --slug S --name N --locales en,nl --default-locale nl
              --timezone Europe/Amsterdam --lat 51.59 --lon 4.78
                                   Create a city.
  rotate-key --organisation ID     Retire an organisation's signing key and make a new one (the
                                   old key stays in its DID document, so what it signed still verifies).
  seed-demo --city SLUG            Add twelve months of demo data to a city for its dashboard
                                   (organisations, activities, learners, enrolments, badges,
                                   playlists); refuses a city that has it already.
  backup --out FILE [--without-key]
                                   Back up the database, the uploaded files on disk and the key that
                                   seals the signing keys (embedded: stop the server first). Keep the
                                   file as safe as the key: it can sign in your issuers' names.
  restore --from FILE [--force]    Restore a backup (replaces the current data; kept aside).
  check-config                     Validate the environment variables and exit.
  help                             Show this help.

The database is chosen as for the server: DATABASE_URL, else the embedded database in DATA_DIR.`;

async function readPassword(): Promise<string> {
	const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
	try {
		if (process.stdin.isTTY) {
			// Hide what is typed: mute the echo after the prompt is shown.
			const output = rl as unknown as { _writeToOutput: (text: string) => void; output: NodeJS.WriteStream };
			const prompt = 'Password (at least 8 characters): ';
			const answer = rl.question(prompt);
			output._writeToOutput = (text: string) => {
				if (text.includes(prompt)) output.output.write(text);
			};
			const password = await answer;
			process.stdout.write('\n');
			return password;
		}
		for await (const line of rl) return line;
		return '';
	} finally {
		rl.close();
	}
}

async function withApp<T>(config: Config, fn: (app: AppContext) => Promise<T>): Promise<T> {
	const app = await createAppContext(config, createLogger('warn'));
	try {
		return await fn(app);
	} finally {
		await app.database.close();
	}
}

async function main(argv: string[]): Promise<void> {
	const [command = 'help', ...rest] = argv;
	if (fs.existsSync('.env')) process.loadEnvFile('.env');
	const config = loadConfig();
	switch (command) {
		case 'check-config':
			// loadConfig above has validated the environment already.
			return;
		case 'migrate': {
			const options = parseOptions(rest, ['quiet']);
			const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
			try {
				await database.migrate();
			} finally {
				await database.close();
			}
			if (!options.quiet) console.log(`The database schema is up to date (${database.engine}).`);
			return;
		}
		case 'create-admin': {
			const options = parseOptions(rest, ['email', 'name', 'password']);
			const password = typeof options.password === 'string' ? options.password : await readPassword();
			const input = parseWith(RegisterInput, { email: requireOption(options, 'email'), name: requireOption(options, 'name'), password });
			const result = await withApp(config, (app) => ensurePlatformAdmin(app, input));
			console.log(result.created ? `Created platform admin ${input.email}.` : `${input.email} already had an account: it is now a platform admin (password unchanged).`);
			return;
		}
		case 'seed-demo': {
			const options = parseOptions(rest, ['city']);
			const slug = requireOption(options, 'city');
			const summary = await withApp(config, (app) => seedDemo(app, slug));
			console.log(
				`Added demo data to ${slug}: ${summary.organisations} organisations, ${summary.activities} activities, ${summary.learners} learners, ` +
					`${summary.enrolments} enrolments, ${summary.badges} badges, ${summary.playlists} playlists. Dashboard: ${config.publicUrl}/cities/${slug}/dashboard`
			);
			return;
		}
		case 'create-city': {
			const options = parseOptions(rest, ['slug', 'name', 'locales', 'default-locale', 'timezone', 'lat', 'lon']);
			const locales = requireOption(options, 'locales').split(',').map((l) => l.trim());
			const input = parseWith(CreateCityInput, {
				slug: requireOption(options, 'slug'),
				name: requireOption(options, 'name'),
				locales,
				defaultLocale: typeof options['default-locale'] === 'string' ? options['default-locale'] : locales[0],
				timezone: requireOption(options, 'timezone'),
				center: { lat: Number(requireOption(options, 'lat')), lon: Number(requireOption(options, 'lon')) }
			});
			const city = await withApp(config, (app) => unsafeCreateCity(app, input, null));
			console.log(`Created the city ${city.name}: ${config.publicUrl}/cities/${city.slug}`);
			return;
		}
		case 'rotate-key': {
			const options = parseOptions(rest, ['organisation']);
			const organisationId = requireOption(options, 'organisation');
			const rotated = await withApp(config, async (app) => {
				const organisation = isUuid(organisationId) ? await findOrganisationScope(app.db, organisationId) : undefined;
				if (!organisation) throw new AppError('not_found', `No organisation ${organisationId}.`);
				const result = await rotateIssuerKey(issuerContext(app), organisation, app.now());
				await recordAudit(app.db, { cityId: organisation.cityId, actorId: null, action: 'issuer.rotate_key', targetType: 'organisation', targetId: organisation.id, data: { keyId: result.keyId, via: 'cli' } });
				return result;
			});
			console.log(`New signing key ${rotated.keyId}; ${rotated.retired} earlier key(s) stay in the DID document.`);
			return;
		}
		case 'backup': {
			const options = parseOptions(rest, ['out', 'without-key']);
			const file = requireOption(options, 'out');
			const written = await backup(config, file, { withoutKey: options['without-key'] === true });
			const key = written.credentialKey ? 'the credential key' : 'no credential key file (CREDENTIAL_SECRET is set, --without-key was given, or none was made yet)';
			console.log(`Backup written to ${file}: the ${written.engine === 'pglite' ? 'embedded' : 'PostgreSQL'} database, ${written.files} uploaded files, ${key}.`);
			return;
		}
		case 'restore': {
			const options = parseOptions(rest, ['from', 'force']);
			await restore(config, requireOption(options, 'from'), options.force === true);
			console.log('Restored. Start the platform to use it (migrations run at start).');
			return;
		}
		case 'help':
		case '--help':
			console.log(HELP);
			return;
		default:
			throw new Error(`Unknown command "${command}".\n\n${HELP}`);
	}
}

main(process.argv.slice(2)).then(
	() => process.exit(0),
	(error: unknown) => {
		if (error instanceof ConfigError) console.error(error.message);
		else if (error instanceof AppError) {
			const details = Array.isArray(error.details)
				? (error.details as { path: string; message: string }[]).map((d) => `\n  - ${d.path}: ${d.message}`).join('')
				: '';
			console.error(`${error.message}${details}`);
		} else console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	}
);
