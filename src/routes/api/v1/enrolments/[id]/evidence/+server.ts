import { z } from 'zod';
import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { validationFailed } from '$lib/server/http/errors';
import { listEnrolmentEvidence, submitEvidence } from '$lib/server/credentials/evidence';
import { EvidenceDto, presentEvidence, SubmitEvidenceBody } from '$lib/server/credentials/evidence-schemas';

export const POST = endpoint(
	{
		summary: 'Hand in evidence to earn the badge',
		description:
			'The enrolled learner, for their own enrolment (joined; one submission waits for review at a time). Text, a public link and/or a file (base64; PDF, PNG, JPEG, WebP or plain text up to 10 MB, checked by content). The enrolment becomes `submitted`; the organisation reviews it.',
		tags: ['Badges'],
		access: 'user',
		body: SubmitEvidenceBody,
		response: EvidenceDto,
		status: 201,
		errors: ['invalid_state', 'payload_too_large', 'unsupported_media_type'],
		bodyLimit: 15 * 1024 * 1024
	},
	async ({ app, actor, params, body }) => {
		let file: { name: string; bytes: Uint8Array } | undefined;
		if (body.file) {
			if (!/^[A-Za-z0-9+/=\s]*$/.test(body.file.data)) throw validationFailed([{ path: 'file.data', code: 'invalid_format', message: 'The file is not base64.' }]);
			file = { name: body.file.name, bytes: Buffer.from(body.file.data, 'base64') };
		}
		return presentEvidence(await submitEvidence(app, actor, uuidParam(params.id, 'Enrolment'), { text: body.text, link: body.link, file }), app.config.publicUrl);
	}
);

export const GET = endpoint(
	{
		summary: 'The evidence of an enrolment',
		description: 'The learner and the organisation’s members. Newest first, each with its review.',
		tags: ['Badges'],
		access: 'user',
		response: z.object({ items: z.array(EvidenceDto) })
	},
	async ({ app, actor, params }) => ({ items: (await listEnrolmentEvidence(app, actor, uuidParam(params.id, 'Enrolment'))).map((row) => presentEvidence(row, app.config.publicUrl)) })
);
