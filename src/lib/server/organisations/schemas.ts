import { z } from 'zod';
import { IdParam, LocalizedTextDto, LocalizedTextInput, PageQuery, Slug, WebUrl } from '../shared/schemas';
import { Email } from '../accounts/schemas';

export const ORGANISATION_TYPES = [
	'youth_organisation',
	'ngo',
	'school',
	'university',
	'library',
	'cultural',
	'sports',
	'employer',
	'public_body',
	'other'
] as const;
export const OrganisationType = z.enum(ORGANISATION_TYPES);
export const OrganisationStatus = z.enum(['pending', 'approved', 'suspended']);
export const MemberRole = z.enum(['owner', 'admin', 'member']);

/** A plain string is taken as text in the city's default language. */
const Description = z.union([z.string().trim().max(5000), LocalizedTextInput(5000)]);

export const CreateOrganisationInput = z
	.object({
		city: Slug.meta({ description: 'The slug of the city the organisation works in' }),
		name: z.string().trim().min(2).max(150),
		type: OrganisationType,
		email: Email,
		website: WebUrl.optional(),
		description: Description.optional()
	})
	.meta({ id: 'CreateOrganisationInput' });
export type CreateOrganisationInput = z.infer<typeof CreateOrganisationInput>;

export const UpdateOrganisationInput = z
	.object({
		name: z.string().trim().min(2).max(150),
		type: OrganisationType,
		email: Email,
		website: WebUrl.nullable(),
		description: Description
	})
	.partial()
	.meta({ id: 'UpdateOrganisationInput' });
export type UpdateOrganisationInput = z.infer<typeof UpdateOrganisationInput>;

export const SuspendOrganisationInput = z
	.object({ reason: z.string().trim().min(1).max(1000) })
	.meta({ id: 'SuspendOrganisationInput' });

export const ListOrganisationsQuery = PageQuery.extend({
	city: Slug.optional(),
	status: OrganisationStatus.optional(),
	q: z.string().trim().max(200).optional()
});

export const InviteMemberInput = z.object({ email: Email, role: MemberRole.default('member') }).meta({ id: 'InviteMemberInput' });
export const ChangeRoleInput = z.object({ role: MemberRole }).meta({ id: 'ChangeRoleInput' });

export const OrganisationDto = z
	.object({
		id: z.uuid(),
		city: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
		name: z.string(),
		type: OrganisationType,
		email: z.string(),
		website: z.string().nullable(),
		description: LocalizedTextDto,
		status: OrganisationStatus,
		/** `city_office`: the city itself as an issuer (owner of the city's playlists), not a learning provider. */
		kind: z.enum(['provider', 'city_office']),
		statusReason: z.string().nullable(),
		reviewedAt: z.iso.datetime().nullable(),
		createdAt: z.iso.datetime(),
		updatedAt: z.iso.datetime()
	})
	.meta({ id: 'Organisation' });
export type OrganisationDto = z.infer<typeof OrganisationDto>;

export const MemberDto = z
	.object({ userId: z.uuid(), name: z.string(), email: z.string(), role: MemberRole, since: z.iso.datetime() })
	.meta({ id: 'Member' });
export type MemberDto = z.infer<typeof MemberDto>;

export const InvitationDto = z
	.object({
		id: z.uuid(),
		organisationId: z.uuid(),
		email: z.string(),
		role: MemberRole,
		expiresAt: z.iso.datetime(),
		createdAt: z.iso.datetime()
	})
	.meta({ id: 'Invitation' });
export type InvitationDto = z.infer<typeof InvitationDto>;

export const InvitationPreviewDto = z
	.object({
		organisation: z.object({ id: z.uuid(), name: z.string() }),
		email: z.string(),
		role: MemberRole,
		expiresAt: z.iso.datetime()
	})
	.meta({ id: 'InvitationPreview' });

export const OrganisationIdParam = IdParam;
