import { z } from 'zod';

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
		leftAt: z.iso.datetime().nullable()
	})
	.meta({ id: 'Participant' });

export function presentEnrolment(row: { id: string; activityId: string; status: z.infer<typeof EnrolmentDto>['status']; waitlistPosition: number | null; createdAt: Date }) {
	return { id: row.id, activityId: row.activityId, status: row.status, waitlistPosition: row.waitlistPosition, createdAt: row.createdAt.toISOString() };
}

export function presentParticipant(row: {
	id: string;
	userId: string;
	name: string;
	email: string;
	status: z.infer<typeof EnrolmentDto>['status'];
	waitlistPosition: number | null;
	joinedAt: Date | null;
	createdAt: Date;
	leftAt: Date | null;
}) {
	return {
		enrolmentId: row.id,
		userId: row.userId,
		name: row.name,
		email: row.email,
		status: row.status,
		waitlistPosition: row.waitlistPosition,
		since: (row.joinedAt ?? row.createdAt).toISOString(),
		leftAt: row.leftAt?.toISOString() ?? null
	};
}
