import type { AppContext } from '../app/context';
import { AppError, validationFailed } from '../http/errors';
import { fetchPublic } from '../http/public-fetch';
import { isUuid } from '../http/validation';
import { BakingError, extractFromPng, extractFromSvg, isPng } from './baking';
import { findCredential } from './service';
import { checkJwtSignature, credentialInJwt, looksLikeJwt } from './jwt';
import { verifyOpenBadge } from './verify';

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
}

/** Checks what was handed in: the credential, with the proof it came with. */
export function verifyDecoded(app: Deps & Pick<AppContext, 'now'>, decoded: DecodedCredential) {
	const { jwt } = decoded;
	return verifyOpenBadge(app.db, app.config.publicUrl, decoded.credential, app.now(), jwt ? { signature: () => checkJwtSignature(app.db, app.config.publicUrl, jwt) } : {});
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
		return { credential: JSON.parse(text) as unknown, source: 'json' };
	} catch {
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
		// Our own 2.0 assertions are views of a 3.0 credential: that credential is what gets checked.
		if (localCredentialId(app.config.publicUrl, baked.text.trim()) !== undefined) return { ...(await credentialAtUrl(app, baked.text.trim())), source };
		throw unsupported('file', 'This image carries an Open Badges 2.0 assertion from another platform, which this verifier does not check yet.');
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
	});
	const decoded = await decodeFile(app, fetched.body).catch((error: unknown) => {
		if (error instanceof AppError && error.code === 'validation_failed') throw unsupported('url', `${fetched.url} holds no credential this verifier can read.`);
		throw error;
	});
	return { ...decoded, source: 'url' };
}

/** The credential id in a link to one of this platform's credentials (or their 2.0 assertions). */
function localCredentialId(publicUrl: string, raw: string): string | undefined {
	const prefix = [`${publicUrl}/credentials/`, `${publicUrl}/ob2/assertions/`].find((candidate) => raw.startsWith(candidate));
	if (!prefix) return undefined;
	return raw.slice(prefix.length).replace(/[?#].*$/, '').replace(/\.(json|jwt|png|svg)$/, '');
}
