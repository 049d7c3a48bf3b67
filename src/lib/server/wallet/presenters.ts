import { z } from 'zod';
import { CheckDto } from '../credentials/presenters';
import { MAX_BADGE_FILE_BYTES } from '../credentials/verify-input';
import { validationFailed } from '../http/errors';
import { IMPORT_FORMATS } from './schema';
import type { ImportedCredentialRow } from './imports';

const base64 = z.string().max(Math.ceil((MAX_BADGE_FILE_BYTES * 4) / 3) + 64);

/** The same inputs as `POST /api/v1/verify`: a credential (JSON, JWT or link), a URL, or an image. */
export const ImportCredentialInput = z
	.object({
		credential: z.union([z.record(z.string(), z.unknown()), z.string().max(1_000_000)]).optional(),
		url: z.string().max(2000).optional(),
		image: base64.optional().describe('A baked PNG or SVG badge, or a JSON/JWT file, base64 (a `data:` URL prefix is fine)')
	})
	.refine((body) => body.credential !== undefined || body.url !== undefined || body.image !== undefined, { message: 'Give a credential, a url or an image.' })
	.meta({ id: 'ImportCredentialInput' });

/** Base64 (with or without a data: prefix) to bytes; anything else is a field error. */
export function decodeBase64Image(image: string | undefined): Buffer | undefined {
	if (image === undefined) return undefined;
	const data = image.replace(/^data:[\w/+.-]+;base64,/, '');
	if (!/^[A-Za-z0-9+/=\s]*$/.test(data)) throw validationFailed([{ path: 'image', code: 'invalid_format', message: 'The image is not base64.' }]);
	return Buffer.from(data, 'base64');
}

export const ImportedCredentialDto = z
	.object({
		id: z.string(),
		name: z.string().nullable().describe('The achievement’s name, as the credential gives it'),
		issuer: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
		issuedAt: z.string().nullable(),
		format: z.enum(IMPORT_FORMATS).describe('How it came in'),
		openBadgesVersion: z.enum(['2.0', '3.0']),
		sourceUrl: z.string().nullable(),
		valid: z.boolean().describe('What the verifier said when it was imported'),
		checks: z.array(CheckDto),
		importedAt: z.string(),
		updatedAt: z.string(),
		credential: z.record(z.string(), z.unknown()).describe('The credential as decoded (an Open Badges 3.0 credential, or a 2.0 assertion)'),
		jwt: z.string().nullable().describe('The VC-JWT it came in, if it did')
	})
	.meta({ id: 'ImportedCredential' });
export type ImportedCredentialDto = z.infer<typeof ImportedCredentialDto>;

export function presentImported(row: ImportedCredentialRow): ImportedCredentialDto {
	return {
		id: row.id,
		name: row.achievementName,
		issuer: { id: row.verification.issuer?.id ?? null, name: row.issuerName },
		issuedAt: row.issuedAt?.toISOString() ?? null,
		format: row.format,
		openBadgesVersion: row.specVersion === '2' ? '2.0' : '3.0',
		sourceUrl: row.sourceUrl,
		valid: row.valid,
		checks: row.verification.checks,
		importedAt: row.createdAt.toISOString(),
		updatedAt: row.updatedAt.toISOString(),
		credential: row.document,
		jwt: row.jwt
	};
}
