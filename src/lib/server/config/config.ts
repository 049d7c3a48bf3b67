import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { S3Settings } from '../files/store';
import { serverProcesses, StartError } from '../../../../scripts/processes.js';

/** Every setting the platform reads from the environment, validated once at start. */
const optionalText = z.string().trim().optional();

const rateRule = z
	.string()
	.regex(/^\d+\/\d+$/, 'must look like "<requests>/<seconds>", for example "10/60"')
	.transform((value) => {
		const [limit, seconds] = value.split('/').map(Number) as [number, number];
		return { limit, windowSeconds: seconds };
	});

const EnvSchema = z
	.object({
		NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
		PORT: z.coerce.number().int().min(0).max(65535).default(3000),
		HOST: z.string().trim().min(1).default('0.0.0.0'),
		DATA_DIR: z.string().trim().min(1).default('./data'),
		FILES_DIR: optionalText,
		// S3-compatible object storage for uploads, instead of FILES_DIR, when a bucket is named.
		FILES_S3_BUCKET: optionalText,
		FILES_S3_ENDPOINT: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://s3.eu-central-1.amazonaws.com' }).optional()),
		FILES_S3_REGION: z.string().trim().min(1).default('us-east-1'),
		FILES_S3_ACCESS_KEY_ID: optionalText,
		FILES_S3_SECRET_ACCESS_KEY: optionalText,
		FILES_S3_VIRTUAL_HOSTED: z.enum(['true', 'false']).default('false'),
		DATABASE_URL: optionalText.pipe(
			z
				.string()
				.regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
				.optional()
		),
		DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
		PUBLIC_URL: optionalText.pipe(
			z
				.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://learn.example.org' })
				.optional()
		),
		ADMIN_EMAIL: optionalText.pipe(z.email('must be an e-mail address').optional()),
		ADMIN_PASSWORD: optionalText.pipe(z.string().min(10, 'must be at least 10 characters').optional()),
		AUTH_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
		CREDENTIAL_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
		SMTP_HOST: optionalText,
		SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
		SMTP_USER: optionalText,
		SMTP_PASSWORD: optionalText,
		SMTP_SECURE: z.enum(['true', 'false']).default('false'),
		MAIL_FROM: optionalText,
		LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
		RATE_LIMIT_LOGIN: rateRule.default({ limit: 10, windowSeconds: 60 }),
		RATE_LIMIT_REGISTER: rateRule.default({ limit: 10, windowSeconds: 600 }),
		RATE_LIMIT_CLAIM: rateRule.default({ limit: 20, windowSeconds: 600 }),
		RATE_LIMIT_VERIFY: rateRule.default({ limit: 120, windowSeconds: 60 }),
		RATE_LIMIT_OAUTH_REGISTER: rateRule.default({ limit: 10, windowSeconds: 3600 }),
		RATE_LIMIT_OAUTH_TOKEN: rateRule.default({ limit: 60, windowSeconds: 60 }),
		RATE_LIMIT_IMPORT: rateRule.default({ limit: 30, windowSeconds: 600 }),
		// This many failed sign-ins to one account within the window lock it for as long again.
		ACCOUNT_LOCKOUT: rateRule.default({ limit: 10, windowSeconds: 900 }),
		OAUTH_CODE_SECONDS: z.coerce.number().int().min(1).max(600).default(300),
		PRIVACY_POLICY_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
		TERMS_OF_SERVICE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
		MAP_TILE_URL: z.string().trim().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
		MAP_ATTRIBUTION: z.string().trim().default('© OpenStreetMap contributors'),
		REMINDER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
		FEED_CHECK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
		FETCH_ALLOW_PRIVATE_HOSTS: z
			.string()
			.default('')
			.transform((value) => value.split(',').map((host) => host.trim()).filter(Boolean)),
		STATS_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
		TRANSLATE_PROVIDER: z.enum(['libretranslate', 'deepl']).optional(),
		TRANSLATE_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
		TRANSLATE_API_KEY: optionalText,
		TRANSLATE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(20),
		JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
		JOBS_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
		JOBS_LEASE_SECONDS: z.coerce.number().int().min(3).max(3600).default(60)
	});

export type RateRule = { limit: number; windowSeconds: number };

export interface Config {
	env: 'development' | 'production' | 'test';
	port: number;
	host: string;
	/** Absolute data directory, or null when PGlite runs in memory (DATA_DIR=:memory:, for tests). */
	dataDir: string | null;
	/** Uploaded files (images, evidence) on disk; DATA_DIR/files by default. */
	filesDir: string;
	/** S3-compatible object storage for uploaded files instead of filesDir, when configured. */
	s3: S3Settings | undefined;
	databaseUrl: string | undefined;
	databasePoolSize: number;
	/** Origin used in links, e-mails and credential ids, without a trailing slash. */
	/** Encrypts issuers' signing keys at rest (otherwise a key file in the data directory). */
	credentialSecret: string | undefined;
	publicUrl: string;
	/** True when PUBLIC_URL was given; otherwise links are built from http://localhost:PORT. */
	publicUrlConfigured: boolean;
	admin: { email: string; password: string } | undefined;
	authSecret: string | undefined;
	smtp:
		| { host: string; port: number; secure: boolean; user: string | undefined; password: string | undefined }
		| undefined;
	mailFrom: string;
	logLevel: string;
	rateLimits: { login: RateRule; register: RateRule; claim: RateRule; verify: RateRule; oauthRegister: RateRule; oauthToken: RateRule; import: RateRule };
	/** Failed sign-ins to one account within the window that lock it for the length of the window. */
	accountLockout: RateRule;
	/** The Open Badges API's OAuth server: how long an authorization code lives, and the city's policies. */
	oauth: { codeSeconds: number; privacyPolicyUrl: string; termsOfServiceUrl: string };
	/** Map tiles for the activity map; empty means no background tiles (markers only). */
	map: { tileUrl: string; attribution: string };
	/** How often due activity reminders are looked for. */
	reminderIntervalSeconds: number;
	/** How often subscribed import feeds are looked at for one that is due. */
	feedCheckSeconds: number;
	/** `host:port` entries fetched although private (an intranet feed server); none by default. */
	fetchAllowPrivateHosts: string[];
	/** How long a dashboard's figures are reused for the same scope and period (0: never). */
	statsCacheSeconds: number;
	/** The machine translation provider; undefined when none is configured (the feature is off). */
	translation: TranslationConfig | undefined;
	/** Background jobs: how many at once per process, how often to look, how long a claim holds without a heartbeat. */
	jobs: { concurrency: number; pollMs: number; leaseSeconds: number };
}

export interface TranslationConfig {
	provider: 'libretranslate' | 'deepl';
	/** Base URL without a trailing slash (LibreTranslate's server; DeepL's API host). */
	url: string;
	apiKey: string | undefined;
	timeoutMs: number;
}

/** DeepL's free keys end in ":fx" and are served by a host of their own. */
const deeplUrl = (key: string) => (key.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com');

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.name = 'ConfigError';
	}
}

/** Reads and validates the environment; throws ConfigError listing every problem at once. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
	// Empty strings count as "not set" so that `FOO= npm start` behaves like leaving FOO out.
	const source = Object.fromEntries(
		Object.entries(environment).map(([key, value]) => [key, value?.trim() === '' ? undefined : value])
	);
	const parsed = EnvSchema.safeParse(source);
	const problems = parsed.success
		? []
		: parsed.error.issues.map((issue) => {
				const name = issue.path.join('.') || 'environment';
				const given = typeof issue.path[0] === 'string' ? source[issue.path[0]] : undefined;
				const shown = given === undefined || /PASSWORD|SECRET|API_KEY/.test(name) ? '' : ` (got "${given}")`;
				return `${name}: ${issue.message}${shown}`;
			});
	if (Boolean(source.ADMIN_EMAIL) !== Boolean(source.ADMIN_PASSWORD)) {
		problems.push(`${source.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'}: ADMIN_EMAIL and ADMIN_PASSWORD must be set together`);
	}
	if (source.FILES_S3_BUCKET) {
		for (const name of ['FILES_S3_ACCESS_KEY_ID', 'FILES_S3_SECRET_ACCESS_KEY'] as const) {
			if (!source[name]) problems.push(`${name}: must be set when FILES_S3_BUCKET is`);
		}
	} else if (source.FILES_S3_ENDPOINT || source.FILES_S3_ACCESS_KEY_ID) {
		problems.push('FILES_S3_BUCKET: name the bucket to store files in S3 (the other FILES_S3_ settings are set)');
	}
	if (source.TRANSLATE_PROVIDER === 'libretranslate' && !source.TRANSLATE_URL) problems.push('TRANSLATE_URL: LibreTranslate needs the address of its server');
	if (source.TRANSLATE_PROVIDER === 'deepl' && !source.TRANSLATE_API_KEY) problems.push('TRANSLATE_API_KEY: DeepL needs an API key');
	if (!source.TRANSLATE_PROVIDER && (source.TRANSLATE_URL || source.TRANSLATE_API_KEY)) problems.push('TRANSLATE_PROVIDER: set it to libretranslate or deepl, or leave TRANSLATE_URL and TRANSLATE_API_KEY out');
	// The rule `npm start` applies before it forks (scripts/processes.js), so that check-config and
	// every server process refuse the same values.
	try {
		serverProcesses(source);
	} catch (error) {
		if (!(error instanceof StartError)) throw error;
		problems.push(error.message);
	}
	if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
	const env = parsed.data;
	const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
	return {
		env: env.NODE_ENV,
		port: env.PORT,
		host: env.HOST,
		dataDir: env.DATA_DIR === ':memory:' ? null : path.resolve(env.DATA_DIR),
		filesDir: path.resolve(
			env.FILES_DIR ?? (env.DATA_DIR === ':memory:' ? path.join(os.tmpdir(), `col-files-${process.pid}`) : path.join(env.DATA_DIR, 'files'))
		),
		s3: env.FILES_S3_BUCKET
			? {
					bucket: env.FILES_S3_BUCKET,
					endpoint: env.FILES_S3_ENDPOINT ?? `https://s3.${env.FILES_S3_REGION}.amazonaws.com`,
					region: env.FILES_S3_REGION,
					accessKeyId: env.FILES_S3_ACCESS_KEY_ID!,
					secretAccessKey: env.FILES_S3_SECRET_ACCESS_KEY!,
					virtualHosted: env.FILES_S3_VIRTUAL_HOSTED === 'true'
				}
			: undefined,
		databaseUrl: env.DATABASE_URL,
		databasePoolSize: env.DATABASE_POOL_SIZE,
		publicUrl,
		publicUrlConfigured: env.PUBLIC_URL !== undefined,
		admin: env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : undefined,
		authSecret: env.AUTH_SECRET,
		credentialSecret: env.CREDENTIAL_SECRET,
		smtp: env.SMTP_HOST
			? {
					host: env.SMTP_HOST,
					port: env.SMTP_PORT,
					secure: env.SMTP_SECURE === 'true',
					user: env.SMTP_USER,
					password: env.SMTP_PASSWORD
				}
			: undefined,
		mailFrom: env.MAIL_FROM ?? `Cities of Learning <no-reply@${new URL(publicUrl).hostname}>`,
		logLevel: env.LOG_LEVEL,
		rateLimits: {
			login: env.RATE_LIMIT_LOGIN,
			register: env.RATE_LIMIT_REGISTER,
			claim: env.RATE_LIMIT_CLAIM,
			verify: env.RATE_LIMIT_VERIFY,
			oauthRegister: env.RATE_LIMIT_OAUTH_REGISTER,
			oauthToken: env.RATE_LIMIT_OAUTH_TOKEN,
			import: env.RATE_LIMIT_IMPORT
		},
		accountLockout: env.ACCOUNT_LOCKOUT,
		// Without a policy of its own, a platform points apps at its home page, which says who runs it.
		oauth: { codeSeconds: env.OAUTH_CODE_SECONDS, privacyPolicyUrl: env.PRIVACY_POLICY_URL ?? `${publicUrl}/`, termsOfServiceUrl: env.TERMS_OF_SERVICE_URL ?? `${publicUrl}/` },
		map: { tileUrl: env.MAP_TILE_URL === 'none' ? '' : env.MAP_TILE_URL, attribution: env.MAP_ATTRIBUTION },
		reminderIntervalSeconds: env.REMINDER_INTERVAL_SECONDS,
		feedCheckSeconds: env.FEED_CHECK_SECONDS,
		fetchAllowPrivateHosts: env.FETCH_ALLOW_PRIVATE_HOSTS,
		statsCacheSeconds: env.STATS_CACHE_SECONDS,
		translation: env.TRANSLATE_PROVIDER
			? {
					provider: env.TRANSLATE_PROVIDER,
					url: (env.TRANSLATE_URL ?? deeplUrl(env.TRANSLATE_API_KEY ?? '')).replace(/\/+$/, ''),
					apiKey: env.TRANSLATE_API_KEY,
					timeoutMs: env.TRANSLATE_TIMEOUT_SECONDS * 1000
				}
			: undefined,
		jobs: { concurrency: env.JOBS_CONCURRENCY, pollMs: env.JOBS_POLL_MS, leaseSeconds: env.JOBS_LEASE_SECONDS }
	};
}
