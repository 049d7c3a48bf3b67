import { z } from 'zod';
import type { EvidenceRow } from './evidence';
import { EVIDENCE_MAX_BYTES } from './evidence-files';

const optionalText = (max: number) => z.string().trim().max(max).optional().transform((value) => value || undefined);

export const SubmitEvidenceInput = z.object({
	text: optionalText(5000).describe('What the learner did and learned'),
	link: z
		.string()
		.trim()
		.max(2000)
		.optional()
		.transform((value) => value || undefined)
		.pipe(z.url({ protocol: /^https?$/ }).optional())
		.describe('A public http(s) link: a portfolio, a video, a repository')
});
export type SubmitEvidenceInput = z.output<typeof SubmitEvidenceInput>;

/** The API takes the file inline, base64-encoded; pages upload it as multipart form data. */
export const SubmitEvidenceBody = SubmitEvidenceInput.extend({
	file: z
		.object({
			name: z.string().trim().min(1).max(200),
			data: z.string().max(Math.ceil((EVIDENCE_MAX_BYTES * 4) / 3) + 1024).describe('The file, base64')
		})
		.optional()
		.describe(`PDF, PNG, JPEG, WebP or plain text, up to ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB (the content decides the type)`)
});

export const ReviewEvidenceInput = z.object({
	decision: z.enum(['approve', 'request_changes', 'reject']),
	comment: optionalText(2000)
});
export type ReviewEvidenceInput = z.output<typeof ReviewEvidenceInput>;

export const EvidenceDto = z
	.object({
		id: z.uuid(),
		enrolmentId: z.uuid(),
		activityId: z.uuid(),
		text: z.string().nullable(),
		link: z.string().nullable(),
		file: z.object({ name: z.string(), type: z.string(), size: z.int(), url: z.string() }).nullable(),
		status: z.enum(['submitted', 'changes_requested', 'approved', 'rejected']),
		reviewComment: z.string().nullable(),
		reviewedAt: z.iso.datetime().nullable(),
		credentialUrl: z.string().nullable(),
		createdAt: z.iso.datetime()
	})
	.meta({ id: 'Evidence' });
export type EvidenceDto = z.infer<typeof EvidenceDto>;

export function presentEvidence(row: EvidenceRow, publicUrl: string): EvidenceDto {
	return {
		id: row.id,
		enrolmentId: row.enrolmentId,
		activityId: row.activityId,
		text: row.text,
		link: row.link,
		file: row.fileKey ? { name: row.fileName ?? 'evidence', type: row.fileType ?? 'application/octet-stream', size: row.fileSize ?? 0, url: `${publicUrl}/api/v1/evidence/${row.id}/file` } : null,
		status: row.status,
		reviewComment: row.reviewComment,
		reviewedAt: row.reviewedAt?.toISOString() ?? null,
		credentialUrl: row.credentialId ? `${publicUrl}/credentials/${row.credentialId}` : null,
		createdAt: row.createdAt.toISOString()
	};
}
