import type { AppContext } from '../app/context';
import { AppError, validationFailed } from '../http/errors';
import { fetchPublic } from '../http/public-fetch';
import { isUuid } from '../http/validation';
import { BakingError, extractFromPng, extractFromSvg, isPng } from './baking';
import { findCredential } from './service';
import { checkJwtSignature, credentialInJwt, looksLikeJwt } from './jwt';
import { checkRecipient, ob3Identities, verifyOpenBadge } from './verify';
import { verifyHostedAssertion } from './verify-ob2';

/**
 * Turns what someone hands the verifier (JSON, a URL, a baked PNG or SVG) into the credential to
 * check. Credentials of this platform are read from the database, never fetched over the network.
 */
export const MAX_BADGE_FILE_BYTES = 5 * 1024 * 1024;

export interface VerifyInput {
	credential?: Record<string, unknown> | string | undefined;
	/** A baked PNG or SVG, or a JSON file, as bytes. */
	file?: Uint8Array | undefined;
	url?: string | undefined;
}

export interface DecodedCredential {
	credential: unknown;
	/** Where it came from, for the report: pasted JSON, an image, a URL. */
	source: 'json' | 'png' | 'svg' | 'url';
	/** The VC-JWT the credential came in, whose signature is then the one checked. */
	jwt?: string;
	/** An Open Badges 2.0 assertion of another platform, checked by hosted verification at this URL. */
	ob2Url?: string;
}

/** Checks what was handed in: the credential, with the proof it came with. */
export async function verifyDecoded(app: Deps & Pick<AppContext, 'now'>, decoded: DecodedCredential, email?: string) {
	const { jwt } = decoded;
	if (decoded.ob2Url) return verifyHostedAssertion(decoded.ob2Url, app.now(), undefined, email);
	const report = await verifyOpenBadge(app.db, app.config.publicUrl, decoded.credential, app.now(), jwt ? { signature: () => checkJwtSignature(app.db, app.config.publicUrl, jwt) } : {});
	if (email && report.checks[0]?.ok) {
		// Given an e-mail, the badge must have been awarded to it; a badge naming none is not refused.
		const recipient = checkRecipient(ob3Identities(decoded.credential), email);
		report.checks.push(recipient);
		report.valid &&= recipient.ok !== false;
	}
	return report;
}

type Deps = Pick<AppContext, 'db' | 'config'>;

const unsupported = (path: string, message: string) => validationFailed([{ path, code: 'unsupported_format', message }]);

export async function decodeVerifyInput(app: Deps, input: VerifyInput): Promise<DecodedCredential> {
	if (input.file && input.file.byteLength > 0) return decodeFile(app, Buffer.from(input.file));
	if (input.url?.trim()) return credentialAtUrl(app, input.url.trim());
	if (typeof input.credential === 'object' && input.credential) return { credential: input.credential, source: 'json' };
	const text = input.credential?.trim() ?? '';
	if (!text) throw validationFailed([{ path: 'credential', code: 'required', message: 'Give a credential: its JSON, its URL, or a baked badge image.' }]);
	return decodeText(app, text, 'credential');
}

async function decodeText(app: Deps, text: string, path: string): Promise<DecodedCredential> {
	if (/^https?:\/\//i.test(text)) return credentialAtUrl(app, text);
	if (looksLikeJwt(text)) {
		const credential = credentialInJwt(text);
		if (!credential) throw unsupported(path, 'This JWT carries no credential (no `vc` claim).');
		return { credential, source: 'json', jwt: text };
	}
	try {
		const parsed = JSON.parse(text) as unknown;
		const assertion = ob2AssertionUrl(parsed);
		if (assertion) return (await localOr(app, assertion)) ?? { credential: parsed, source: 'json', ob2Url: assertion };
		return { credential: parsed, source: 'json' };
	} catch (error) {
		if (error instanceof AppError) throw error;
		throw validationFailed([{ path, code: 'invalid_json', message: 'The credential is not valid JSON.' }]);
	}
}

async function decodeFile(app: Deps, bytes: Buffer): Promise<DecodedCredential> {
	if (bytes.byteLength > MAX_BADGE_FILE_BYTES) {
		throw new AppError('payload_too_large', `The file is larger than ${MAX_BADGE_FILE_BYTES / 1024 / 1024} MB.`);
	}
	try {
		if (isPng(bytes)) return fromBaked(app, extractFromPng(bytes), 'png');
		const text = bytes.toString('utf8').replace(/^\uFEFF/, '').trim();
		if (/^(<\?xml[\s\S]*?\?>\s*)?(<!--[\s\S]*?-->\s*)*<svg\b/i.test(text)) return fromBaked(app, extractFromSvg(text), 'svg');
		if (text.startsWith('{') || looksLikeJwt(text)) return decodeText(app, text, 'file');
	} catch (error) {
		if (error instanceof BakingError) throw unsupported('file', error.message);
		throw error;
	}
	throw unsupported('file', 'The file is neither a PNG or SVG badge image nor a JSON credential.');
}

async function fromBaked(app: Deps, baked: ReturnType<typeof extractFromPng>, source: 'png' | 'svg'): Promise<DecodedCredential> {
	if (!baked) throw unsupported('file', 'This image carries no badge: no Open Badges data is baked into it.');
	if (baked.version === 2) {
		// A 2.0 badge bakes its assertion's URL (or the assertion); ours are views of a 3.0 credential,
		// and that credential is what gets checked.
		const text = baked.text.trim();
		if (/^https?:\/\//i.test(text)) return { ...((await localOr(app, text)) ?? { credential: null, ob2Url: text }), source };
		return { ...(await decodeText(app, text, 'file')), source };
	}
	// Open Badges 3.0 bakes the credential itself (JSON or JWT), never a link to follow.
	if (/^https?:/i.test(baked.text.trim())) throw unsupported('file', 'The badge baked into this image is a link, not a credential.');
	const decoded = await decodeText(app, baked.text.trim(), 'file');
	return { ...decoded, source };
}

/** A credential at a URL: ours straight from the database; anyone else's fetched with the guards. */
async function credentialAtUrl(app: Deps, raw: string): Promise<DecodedCredential> {
	const local = localCredentialId(app.config.publicUrl, raw);
	if (local !== undefined) {
		const credential = isUuid(local) ? await findCredential(app, local) : undefined;
		if (!credential) throw new AppError('not_found', 'This platform has no credential at that URL.');
		return { credential: credential.document, source: 'url' };
	}
	const fetched = await fetchPublic(raw, {
		maxBytes: MAX_BADGE_FILE_BYTES,
		timeoutMs: 5000,
		accept: 'application/vc+ld+json, application/ld+json, application/json;q=0.9, application/jwt;q=0.8, image/png;q=0.8, image/svg+xml;q=0.8'
	}).catch((error: unknown) => {
		// 410 Gone is how a 2.0 issuer revokes a hosted assertion: the report says so.
		if (error instanceof AppError && (error.details as { status?: number } | undefined)?.status === 410) return undefined;
		throw error;
	});
	if (!fetched) return { credential: null, source: 'url', ob2Url: raw };
	const decoded = await decodeFile(app, fetched.body).catch((error: unknown) => {
		if (error instanceof AppError && error.code === 'validation_failed') throw unsupported('url', `${fetched.url} holds no credential this verifier can read.`);
		throw error;
	});
	return { ...decoded, source: 'url' };
}

/** The id of an Open Badges 2.0 assertion document (hosted verification fetches it there again). */
function ob2AssertionUrl(document: unknown): string | undefined {
	const json = document && typeof document === 'object' ? (document as Record<string, unknown>) : undefined;
	const isAssertion = json && (Array.isArray(json.type) ? json.type : [json.type]).includes('Assertion');
	return isAssertion && typeof json.id === 'string' && /^https?:\/\//.test(json.id) ? json.id : undefined;
}

/** This platform's own award when the URL is one of ours: checked as the 3.0 credential it is. */
async function localOr(app: Deps, url: string): Promise<DecodedCredential | undefined> {
	return localCredentialId(app.config.publicUrl, url) !== undefined ? credentialAtUrl(app, url) : undefined;
}

/** The credential id in a link to one of this platform's credentials (or their 2.0 assertions). */
function localCredentialId(publicUrl: string, raw: string): string | undefined {
	const prefix = [`${publicUrl}/credentials/`, `${publicUrl}/ob2/assertions/`].find((candidate) => raw.startsWith(candidate));
	if (!prefix) return undefined;
	return raw.slice(prefix.length).replace(/[?#].*$/, '').replace(/\.(json|jwt|png|svg)$/, '');
}
