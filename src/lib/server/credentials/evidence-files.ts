import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { AppContext } from '../app/context';
import { AppError } from '../http/errors';

/**
 * Evidence files: the content decides the type (never the name or the header a browser sends), images
 * are re-encoded (which drops their metadata: places, cameras), and files live under FILES_DIR/evidence,
 * out of any public folder.
 */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

interface Kind {
	type: string;
	extension: string;
	matches(bytes: Buffer): boolean;
	/** Images are decoded and written again. */
	image?: 'png' | 'jpeg' | 'webp';
}

const startsWith = (bytes: Buffer, ...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
const KINDS: Kind[] = [
	{ type: 'application/pdf', extension: 'pdf', matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
	{ type: 'image/png', extension: 'png', image: 'png', matches: (b) => startsWith(b, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) },
	{ type: 'image/jpeg', extension: 'jpg', image: 'jpeg', matches: (b) => startsWith(b, 0xff, 0xd8, 0xff) },
	{ type: 'image/webp', extension: 'webp', image: 'webp', matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
	{ type: 'text/plain', extension: 'txt', matches: isPlainText }
];

function isPlainText(bytes: Buffer): boolean {
	if (bytes.includes(0)) return false;
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
}

export interface StoredEvidenceFile {
	key: string;
	name: string;
	type: string;
	size: number;
}

const forbidden = () =>
	new AppError('unsupported_media_type', 'Evidence files may be PDF documents, PNG, JPEG or WebP images, or plain text.', [
		{ path: 'file', code: 'evidence_type', message: 'Use a PDF, PNG, JPEG, WebP or plain-text file.' }
	]);

/** A file name safe to show and to offer as a download name. */
const cleanName = (name: string, extension: string) => {
	const base = name.replace(/[\\/]/g, '_').replace(/[^\p{L}\p{N}._ -]/gu, '').trim().slice(0, 120);
	return base || `evidence.${extension}`;
};

export async function storeEvidenceFile(app: Pick<AppContext, 'files'>, evidenceId: string, name: string, input: Uint8Array): Promise<StoredEvidenceFile> {
	if (input.byteLength > EVIDENCE_MAX_BYTES) throw new AppError('payload_too_large', `Evidence files may be at most ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB.`);
	if (input.byteLength === 0) throw forbidden();
	const bytes = Buffer.from(input);
	const kind = KINDS.find((candidate) => candidate.matches(bytes));
	if (!kind) throw forbidden();
	let stored = bytes;
	if (kind.image) {
		stored = await sharp(bytes, { limitInputPixels: 50_000_000 })
			.rotate()
			.toFormat(kind.image)
			.toBuffer()
			.catch(() => {
				throw forbidden();
			});
	}
	const key = `${evidenceId}/${randomBytes(10).toString('hex')}.${kind.extension}`;
	await app.files.put(evidenceFileKey(key), stored, kind.type);
	return { key, name: cleanName(name, kind.extension), type: kind.type, size: stored.byteLength };
}

/** Where an evidence file is in the file store (its row keeps the part after `evidence/`). */
export const evidenceFileKey = (key: string) => `evidence/${key}`;
