import { m } from '$lib/paraglide/messages';

/** Translated names of fixed values (roles, statuses, organisation types) for pages. */
export function roleLabel(role: string): string {
	return ({ owner: m.role_owner, admin: m.role_admin, member: m.role_member } as Record<string, () => string>)[role]?.() ?? role;
}

export function statusLabel(status: string): string {
	return (
		({ pending: m.status_pending, approved: m.status_approved, suspended: m.status_suspended } as Record<string, () => string>)[status]?.() ??
		status
	);
}

export const organisationTypeLabels: Record<string, () => string> = {
	youth_organisation: m.orgtype_youth_organisation,
	ngo: m.orgtype_ngo,
	school: m.orgtype_school,
	university: m.orgtype_university,
	library: m.orgtype_library,
	cultural: m.orgtype_cultural,
	sports: m.orgtype_sports,
	employer: m.orgtype_employer,
	public_body: m.orgtype_public_body,
	other: m.orgtype_other
};

export function organisationTypeLabel(type: string): string {
	return organisationTypeLabels[type]?.() ?? type;
}
