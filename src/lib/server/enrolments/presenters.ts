import { z } from 'zod';
import { credentialUrl } from '../credentials/did';
import { HOLDS_PLACE } from './schema';

export const EnrolmentDto = z
	.object({
		id: z.uuid(),
		activityId: z.uuid(),
		status: z.enum(['joined', 'waitlisted', 'submitted', 'completed', 'rejected', 'left']),
		waitlistPosition: z.number().int().nullable(),
		createdAt: z.iso.datetime()
	})
	.meta({ id: 'Enrolment' });

export const ParticipantDto = z
	.object({
		enrolmentId: z.uuid(),
		userId: z.uuid(),
		name: z.string(),
		email: z.string(),
		status: EnrolmentDto.shape.status,
		waitlistPosition: z.number().int().nullable(),
		since: z.iso.datetime(),
		leftAt: z.iso.datetime().nullable(),
		credential: z
			.object({ id: z.uuid(), url: z.string(), revoked: z.boolean() })
			.nullable()
			.meta({ description: 'The badge credential awarded to this participant, if any' }),
		awardable: z.boolean().meta({ description: 'Whether `POST /api/v1/enrolments/{enrolmentId}/award` would issue a credential now' })
	})
	.meta({ id: 'Participant' });

export function presentEnrolment(row: { id: string; activityId: string; status: z.infer<typeof EnrolmentDto>['status']; waitlistPosition: number | null; createdAt: Date }) {
	return { id: row.id, activityId: row.activityId, status: row.status, waitlistPosition: row.waitlistPosition, createdAt: row.createdAt.toISOString() };
}

export function presentParticipant(publicUrl: string, row: {
	id: string;
	userId: string;
	name: string;
	email: string;
	status: z.infer<typeof EnrolmentDto>['status'];
	waitlistPosition: number | null;
	joinedAt: Date | null;
	createdAt: Date;
	leftAt: Date | null;
	credentialId: string | null;
	credentialRevokedAt: Date | null;
}) {
	return {
		enrolmentId: row.id,
		userId: row.userId,
		name: row.name,
		email: row.email,
		status: row.status,
		waitlistPosition: row.waitlistPosition,
		since: (row.joinedAt ?? row.createdAt).toISOString(),
		leftAt: row.leftAt?.toISOString() ?? null,
		credential: row.credentialId ? { id: row.credentialId, url: credentialUrl(publicUrl, row.credentialId), revoked: row.credentialRevokedAt !== null } : null,
		awardable: row.credentialId === null && HOLDS_PLACE.includes(row.status)
	};
}
