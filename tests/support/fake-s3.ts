/**
 * A small S3 stand-in for tests: PUT and GET of objects in one bucket, path-style, kept in memory. It
 * checks every request's AWS Signature Version 4 and payload hash the way S3 does (written from AWS's
 * description of the algorithm, independently of the client the platform uses), so a signing mistake
 * fails the test instead of passing against a lenient emulator.
 */
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeS3 {
	endpoint: string;
	objects: Map<string, { body: Buffer; contentType: string }>;
	/** Requests refused, with S3's error code. */
	refusals: string[];
	/** While true, every connection is dropped unanswered, as by a storage outage. */
	down: boolean;
	close(): Promise<void>;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** S3's URI encoding: every byte but unreserved characters, with `/` kept in paths. */
const uriEncode = (value: string, keepSlash: boolean) =>
	Array.from(Buffer.from(value, 'utf8'))
		.map((byte) => {
			const char = String.fromCharCode(byte);
			if (/[A-Za-z0-9\-._~]/.test(char) || (keepSlash && char === '/')) return char;
			return `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
		})
		.join('');

function expectedSignature(request: http.IncomingMessage, body: Buffer, secret: string, region: string): { signature: string; provided: string } | string {
	const authorization = request.headers.authorization ?? '';
	const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(authorization);
	if (!match) return 'AccessDenied';
	const [, , day, signedRegion, signedHeaders, provided] = match as unknown as [string, string, string, string, string, string];
	if (signedRegion !== region) return 'AuthorizationHeaderMalformed';
	const payloadHash = String(request.headers['x-amz-content-sha256'] ?? '');
	if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256(body)) return 'XAmzContentSHA256Mismatch';
	const amzDate = String(request.headers['x-amz-date'] ?? '');
	const url = new URL(request.url ?? '/', 'http://s3');
	const query = [...url.searchParams].map(([k, v]) => [uriEncode(k, false), uriEncode(v, false)]).sort().map(([k, v]) => `${k}=${v}`).join('&');
	const headerNames = signedHeaders.split(';');
	const canonicalHeaders = headerNames.map((name) => `${name}:${String(request.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
	const path = uriEncode(decodeURIComponent(url.pathname), true);
	const canonicalRequest = [request.method, path, query, canonicalHeaders, signedHeaders, payloadHash].join('\n');
	const scope = `${day}/${region}/s3/aws4_request`;
	const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
	const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), 's3'), 'aws4_request');
	return { signature: createHmac('sha256', key).update(stringToSign).digest('hex'), provided };
}

export async function startFakeS3(options: { bucket: string; accessKeyId: string; secretAccessKey: string; region: string }): Promise<FakeS3> {
	const objects = new Map<string, { body: Buffer; contentType: string }>();
	const refusals: string[] = [];
	const refuse = (response: http.ServerResponse, status: number, code: string) => {
		refusals.push(code);
		response.writeHead(status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`);
	};
	const state = { down: false };
	const server = http.createServer(async (request, response) => {
		if (state.down) return request.socket.destroy();
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const body = Buffer.concat(chunks);
		const checked = expectedSignature(request, body, options.secretAccessKey, options.region);
		if (typeof checked === 'string') return refuse(response, checked === 'AccessDenied' ? 403 : 400, checked);
		if (!(request.headers.authorization ?? '').includes(`Credential=${options.accessKeyId}/`)) return refuse(response, 403, 'InvalidAccessKeyId');
		if (checked.signature !== checked.provided) return refuse(response, 403, 'SignatureDoesNotMatch');
		const url = new URL(request.url ?? '/', 'http://s3');
		const prefix = `/${options.bucket}/`;
		if (!url.pathname.startsWith(prefix)) return refuse(response, 404, 'NoSuchBucket');
		const key = decodeURIComponent(url.pathname.slice(prefix.length));
		if (request.method === 'PUT') {
			objects.set(key, { body, contentType: String(request.headers['content-type'] ?? 'binary/octet-stream') });
			return response.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
		}
		if (request.method === 'GET') {
			const object = objects.get(key);
			if (!object) return refuse(response, 404, 'NoSuchKey');
			return response.writeHead(200, { 'content-type': object.contentType, 'content-length': object.body.length }).end(object.body);
		}
		refuse(response, 405, 'MethodNotAllowed');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		objects,
		refusals,
		get down() {
			return state.down;
		},
		set down(value: boolean) {
			state.down = value;
		},
		close: () => {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(() => resolve()));
		}
	};
}
