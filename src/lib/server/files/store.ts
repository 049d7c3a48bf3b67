import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AwsClient } from 'aws4fetch';
import { AppError } from '../http/errors';

/**
 * Where uploaded files live: activity images, badge images and evidence files, each under a key such
 * as `activities/<id>/<hash>.webp`. The local disk by default (FILES_DIR); S3-compatible object storage
 * when a bucket is configured, so that instances on several machines see the same files. Keys are the
 * same in both, so a directory copied into a bucket (or back) keeps working.
 */
export interface FileStore {
	readonly kind: 'disk' | 's3';
	put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
	/** The file's bytes, or undefined when there is no such file. */
	get(key: string): Promise<Buffer | undefined>;
}

export interface S3Settings {
	endpoint: string;
	bucket: string;
	region: string;
	accessKeyId: string;
	secretAccessKey: string;
	/** `https://<bucket>.<endpoint host>/<key>` instead of `<endpoint>/<bucket>/<key>`. */
	virtualHosted: boolean;
}

/** Keys are made by the platform; this refuses anything that could leave the store's root. */
function checkKey(key: string): string {
	if (!/^[a-z]+\/[0-9a-f-]{36}\/[0-9a-z._-]+$/i.test(key) || key.includes('..')) throw new Error(`not a file key: ${key}`);
	return key;
}

export function diskFileStore(root: string): FileStore {
	return {
		kind: 'disk',
		async put(key, bytes) {
			const file = path.join(root, checkKey(key));
			await fs.mkdir(path.dirname(file), { recursive: true });
			// Written aside and renamed, so that a crash never leaves half a file under the key.
			const partial = `${file}.${process.pid}.partial`;
			await fs.writeFile(partial, bytes);
			await fs.rename(partial, file);
		},
		async get(key) {
			try {
				return await fs.readFile(path.join(root, checkKey(key)));
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
				throw error;
			}
		}
	};
}

const S3_TIMEOUT_MS = 20_000;

/**
 * S3's object API signed with AWS Signature Version 4 (aws4fetch): PUT and GET of one object. Works
 * with Amazon S3 and with compatible services (MinIO, Garage, Ceph, Cloudflare R2, Scaleway, OVH...).
 * The payload's SHA-256 is signed too, so the store refuses a body changed on the way.
 */
export function s3FileStore(settings: S3Settings): FileStore {
	const client = new AwsClient({ accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey, region: settings.region, service: 's3' });
	const endpoint = new URL(settings.endpoint);
	const objectUrl = (key: string) => {
		const encoded = checkKey(key).split('/').map(encodeURIComponent).join('/');
		if (!settings.virtualHosted) return new URL(`${endpoint.pathname.replace(/\/$/, '')}/${settings.bucket}/${encoded}`, endpoint).toString();
		return `${endpoint.protocol}//${settings.bucket}.${endpoint.host}/${encoded}`;
	};
	const unavailable = (what: string, detail: string) =>
		new AppError('unavailable', `The file storage could not ${what} (${detail}). Try again in a moment.`);
	const send = async (url: string, init: RequestInit, what: string) => {
		try {
			return await client.fetch(url, { ...init, signal: AbortSignal.timeout(S3_TIMEOUT_MS) });
		} catch (error) {
			throw unavailable(what, (error as Error).name === 'TimeoutError' ? 'no answer in time' : 'not reachable');
		}
	};
	return {
		kind: 's3',
		async put(key, bytes, contentType) {
			const body = new Uint8Array(bytes);
			const response = await send(
				objectUrl(key),
				{ method: 'PUT', body, headers: { 'content-type': contentType, 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') } },
				'store the file'
			);
			// S3 explains refusals in an XML body; its code is enough for the log, and nothing of it for the user.
			if (!response.ok) throw unavailable('store the file', `${response.status} ${s3ErrorCode(await response.text())}`);
		},
		async get(key) {
			const response = await send(objectUrl(key), { method: 'GET' }, 'read the file');
			if (response.status === 404) return undefined;
			if (!response.ok) throw unavailable('read the file', `${response.status} ${s3ErrorCode(await response.text())}`);
			return Buffer.from(await response.arrayBuffer());
		}
	};
}

const s3ErrorCode = (xml: string) => /<Code>([^<]{1,80})<\/Code>/.exec(xml)?.[1] ?? 'error';

export function createFileStore(config: { filesDir: string; s3: S3Settings | undefined }): FileStore {
	return config.s3 ? s3FileStore(config.s3) : diskFileStore(config.filesDir);
}
