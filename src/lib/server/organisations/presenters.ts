import type { InvitationDto, MemberDto, OrganisationDto } from './schemas';
import type { OrganisationWithCity } from './queries';

export function presentOrganisation(org: OrganisationWithCity): OrganisationDto {
	return {
		id: org.id,
		city: org.city,
		name: org.name,
		type: org.type as OrganisationDto['type'],
		email: org.email,
		website: org.website,
		description: org.description,
		status: org.status,
		kind: org.kind,
		statusReason: org.statusReason,
		reviewedAt: org.reviewedAt?.toISOString() ?? null,
		createdAt: org.createdAt.toISOString(),
		updatedAt: org.updatedAt.toISOString()
	};
}

export function presentMember(row: { userId: string; name: string; email: string; role: MemberDto['role']; since: Date }): MemberDto {
	return { ...row, since: row.since.toISOString() };
}

export function presentInvitation(row: {
	id: string;
	organisationId: string;
	email: string;
	role: InvitationDto['role'];
	expiresAt: Date;
	createdAt: Date;
}): InvitationDto {
	return {
		id: row.id,
		organisationId: row.organisationId,
		email: row.email,
		role: row.role,
		expiresAt: row.expiresAt.toISOString(),
		createdAt: row.createdAt.toISOString()
	};
}
