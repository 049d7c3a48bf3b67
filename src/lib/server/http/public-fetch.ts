import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { AppError } from './errors';

/**
 * Fetches a URL someone gave us (a badge to verify, a page to import) without letting them reach
 * inside our network: only http(s), only public addresses, checked on the address actually connected
 * to (a name that resolves to a private address, or re-resolves to one later, is refused), every
 * redirect checked again, with limits on size and time.
 */
export interface PublicFetchOptions {
	maxBytes: number;
	timeoutMs: number;
	accept: string;
	maxRedirects?: number;
}

export interface FetchedDocument {
	url: string;
	contentType: string;
	body: Buffer;
}

const blocked = new net.BlockList();
for (const [network, prefix] of [
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['127.0.0.0', 8],
	['169.254.0.0', 16],
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.0.2.0', 24],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['198.51.100.0', 24],
	['203.0.113.0', 24],
	['224.0.0.0', 4],
	['240.0.0.0', 4]
] as const) {
	blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
	['::', 128],
	['::1', 128],
	['64:ff9b::', 96],
	['100::', 64],
	['2001:db8::', 32],
	['fc00::', 7],
	['fe80::', 10],
	['ff00::', 8]
] as const) {
	blocked.addSubnet(network, prefix, 'ipv6');
}

/** Whether an address is loopback, private, link-local, reserved or otherwise not on the public internet. */
export function isNonPublicAddress(address: string): boolean {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return isNonPublicAddress(mapped[1]!);
	const family = net.isIP(address);
	if (family === 4) return blocked.check(address, 'ipv4');
	if (family === 6) return blocked.check(address, 'ipv6');
	return true;
}

/**
 * Hosts (`host:port`) that may be fetched although their address is private: an operator's own
 * intranet feed server (FETCH_ALLOW_PRIVATE_HOSTS), and the test suites' feed servers on 127.0.0.1.
 * Named exactly, port included: nothing else on that machine becomes reachable.
 */
let privateHostsAllowed = new Set<string>();
export function allowPrivateHosts(hosts: readonly string[]): void {
	privateHostsAllowed = new Set(hosts.map((host) => host.toLowerCase()));
}
const isAllowedPrivate = (url: URL) => privateHostsAllowed.size > 0 && privateHostsAllowed.has(url.host.toLowerCase());

const refused = (host: string) => new AppError('url_not_allowed', `${host} is not a public address; only URLs on the public internet are fetched.`);

/** A DNS lookup that refuses names resolving to any non-public address. */
const publicLookup: net.LookupFunction = (hostname, options, callback) => {
	dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
		if (error) return callback(error, '', 4);
		const list = addresses as dns.LookupAddress[];
		if (list.length === 0 || list.some((entry) => isNonPublicAddress(entry.address))) return callback(refused(hostname), '', 4);
		if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
		callback(null, list[0]!.address, list[0]!.family);
	});
};

export function checkUrl(raw: string): URL {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new AppError('url_not_allowed', 'This is not a valid URL.');
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('url_not_allowed', 'Only http and https URLs are fetched.');
	if (url.username || url.password) throw new AppError('url_not_allowed', 'URLs with a user name or password are not fetched.');
	if (isAllowedPrivate(url)) return url;
	const host = url.hostname.replace(/^\[|\]$/g, '');
	if (net.isIP(host) && isNonPublicAddress(host)) throw refused(host);
	if (/^localhost$|\.localhost$|\.local$|\.internal$/i.test(host)) throw refused(host);
	return url;
}

export async function fetchPublic(raw: string, options: PublicFetchOptions): Promise<FetchedDocument> {
	return fetchFromChecked(checkUrl(raw), options);
}

/** Fetches from a URL that `checkUrl` passed (tests start here), checking every redirect again. */
export async function fetchFromChecked(start: URL, options: PublicFetchOptions): Promise<FetchedDocument> {
	let url = start;
	for (let redirects = 0; ; redirects++) {
		const answer = await requestOnce(url, options);
		if ('location' in answer) {
			if (redirects >= (options.maxRedirects ?? 3)) throw new AppError('fetch_failed', 'Too many redirects.');
			url = checkUrl(new URL(answer.location, url).toString());
			continue;
		}
		return answer;
	}
}

function requestOnce(url: URL, options: PublicFetchOptions): Promise<FetchedDocument | { location: string }> {
	const client = url.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		const request = client.get(url, { lookup: isAllowedPrivate(url) ? dns.lookup : publicLookup, timeout: options.timeoutMs, headers: { accept: options.accept, 'user-agent': 'CitiesOfLearning-Verifier/1' } }, (response) => {
			const status = response.statusCode ?? 0;
			if (status >= 300 && status < 400 && response.headers.location) {
				response.resume();
				return resolve({ location: response.headers.location });
			}
			if (status < 200 || status >= 300) {
				response.resume();
				return reject(new AppError('fetch_failed', `${url.host} answered ${status}.`, { status }));
			}
			const declared = Number(response.headers['content-length'] ?? NaN);
			if (declared > options.maxBytes) {
				response.destroy();
				return reject(tooBig(options.maxBytes));
			}
			const chunks: Buffer[] = [];
			let size = 0;
			response.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > options.maxBytes) {
					response.destroy();
					reject(tooBig(options.maxBytes));
				} else chunks.push(chunk);
			});
			response.on('end', () => resolve({ url: url.toString(), contentType: String(response.headers['content-type'] ?? ''), body: Buffer.concat(chunks) }));
			response.on('error', (error) => reject(new AppError('fetch_failed', `Reading ${url.host} failed: ${error.message}`)));
		});
		// A deadline for the whole exchange, not only for idle sockets.
		const deadline = setTimeout(() => request.destroy(new AppError('fetch_failed', `${url.host} did not answer within ${options.timeoutMs / 1000} s.`)), options.timeoutMs);
		request.on('close', () => clearTimeout(deadline));
		request.on('timeout', () => request.destroy(new AppError('fetch_failed', `${url.host} did not answer within ${options.timeoutMs / 1000} s.`)));
		request.on('error', (error) => reject(error instanceof AppError ? error : new AppError('fetch_failed', `${url.host} could not be reached: ${error.message}`)));
	});
}

const tooBig = (limit: number) => new AppError('payload_too_large', `The document is larger than ${Math.round(limit / 1024 / 1024)} MB.`);
