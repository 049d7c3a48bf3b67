import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
	it('has working defaults', () => {
		const config = loadConfig({});
		expect(config).toMatchObject({ port: 3000, host: '0.0.0.0', publicUrl: 'http://localhost:3000', databaseUrl: undefined, smtp: undefined });
		expect(config.dataDir).toMatch(/\/data$/);
	});

	it('treats empty values as unset and trims the public URL', () => {
		const config = loadConfig({ PORT: '', PUBLIC_URL: 'https://learn.example.org/', DATABASE_URL: '' });
		expect(config.port).toBe(3000);
		expect(config.publicUrl).toBe('https://learn.example.org');
		expect(config.mailFrom).toContain('learn.example.org');
	});

	it('lists every problem at once, without echoing secrets', () => {
		try {
			loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', PUBLIC_URL: 'ftp://x', ADMIN_EMAIL: 'a@b.org', AUTH_SECRET: 'short-secret' });
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(ConfigError);
			const message = (error as ConfigError).message;
			for (const name of ['PORT', 'DATABASE_URL', 'PUBLIC_URL', 'ADMIN_PASSWORD', 'AUTH_SECRET']) expect(message).toContain(name);
			expect(message).toContain('"abc"');
			expect(message).not.toContain('short-secret');
		}
	});

	it('refuses server processes it cannot run, as npm start does', () => {
		expect(() => loadConfig({ SERVER_PROCESSES: '2' })).toThrow(/SERVER_PROCESSES above 1 needs DATABASE_URL/);
		expect(() => loadConfig({ SERVER_PROCESSES: '0', DATABASE_URL: 'postgres://db/x' })).toThrow(/SERVER_PROCESSES must be a whole number from 1 to 64/);
		expect(() => loadConfig({ SERVER_PROCESSES: 'auto', DATABASE_URL: 'postgres://db/x' })).not.toThrow();
		expect(() => loadConfig({ SERVER_PROCESSES: '1' })).not.toThrow();
	});

	it('reads rate-limit rules and the in-memory data directory', () => {
		const config = loadConfig({ RATE_LIMIT_LOGIN: '5/30', DATA_DIR: ':memory:' });
		expect(config.rateLimits.login).toEqual({ limit: 5, windowSeconds: 30 });
		expect(config.dataDir).toBeNull();
		expect(() => loadConfig({ RATE_LIMIT_LOGIN: 'lots' })).toThrow(/RATE_LIMIT_LOGIN/);
	});

	it('stores files on disk unless a bucket is named, and then needs both keys', () => {
		expect(loadConfig({}).s3).toBeUndefined();
		const config = loadConfig({ FILES_S3_BUCKET: 'col', FILES_S3_REGION: 'eu-central-1', FILES_S3_ACCESS_KEY_ID: 'AKIA1', FILES_S3_SECRET_ACCESS_KEY: 'hush' });
		expect(config.s3).toEqual({ bucket: 'col', region: 'eu-central-1', endpoint: 'https://s3.eu-central-1.amazonaws.com', accessKeyId: 'AKIA1', secretAccessKey: 'hush', virtualHosted: false });
		expect(() => loadConfig({ FILES_S3_BUCKET: 'col' })).toThrow(/FILES_S3_ACCESS_KEY_ID: must be set[\s\S]*FILES_S3_SECRET_ACCESS_KEY: must be set/);
		expect(() => loadConfig({ FILES_S3_ENDPOINT: 'http://minio:9000' })).toThrow(/FILES_S3_BUCKET/);
		expect(() => loadConfig({ FILES_S3_BUCKET: 'col', FILES_S3_ENDPOINT: 'minio:9000', FILES_S3_ACCESS_KEY_ID: 'a', FILES_S3_SECRET_ACCESS_KEY: 'b' })).toThrow(/FILES_S3_ENDPOINT/);
	});

	it('configures machine translation only when a provider is named, with what it needs', () => {
		expect(loadConfig({}).translation).toBeUndefined();
		expect(loadConfig({ TRANSLATE_PROVIDER: 'libretranslate', TRANSLATE_URL: 'http://localhost:5000/' }).translation).toEqual({ provider: 'libretranslate', url: 'http://localhost:5000', apiKey: undefined, timeoutMs: 20_000 });
		expect(loadConfig({ TRANSLATE_PROVIDER: 'deepl', TRANSLATE_API_KEY: 'abc:fx' }).translation?.url).toBe('https://api-free.deepl.com');
		expect(loadConfig({ TRANSLATE_PROVIDER: 'deepl', TRANSLATE_API_KEY: 'abc' }).translation?.url).toBe('https://api.deepl.com');
		expect(() => loadConfig({ TRANSLATE_PROVIDER: 'libretranslate' })).toThrow(/TRANSLATE_URL/);
		expect(() => loadConfig({ TRANSLATE_PROVIDER: 'deepl' })).toThrow(/TRANSLATE_API_KEY/);
		expect(() => loadConfig({ TRANSLATE_URL: 'http://localhost:5000' })).toThrow(/TRANSLATE_PROVIDER/);
		expect(() => loadConfig({ TRANSLATE_PROVIDER: 'google' })).toThrow(/TRANSLATE_PROVIDER/);
	});
});
