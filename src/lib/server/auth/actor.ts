import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { cityAdmins } from '../cities/schema';
import { memberships, organisations } from '../organisations/schema';

export type MembershipRole = 'owner' | 'admin' | 'member';

export interface ActorUser {
	id: string;
	name: string;
	email: string;
	emailVerified: boolean;
	locale: string | null;
	isPlatformAdmin: boolean;
	createdAt: Date;
}

/** Who is making a request, with every role they hold, loaded once per request. */
export interface SignedInActor {
	kind: 'user';
	user: ActorUser;
	/** A browser or app session (better-auth), or a personal API token. */
	via: 'session' | 'api_token';
	cityAdminOf: ReadonlySet<string>;
	memberships: ReadonlyMap<string, { role: MembershipRole; cityId: string }>;
}

export interface VisitorActor {
	kind: 'visitor';
}

export type Actor = SignedInActor | VisitorActor;

export const VISITOR: VisitorActor = Object.freeze({ kind: 'visitor' });

export async function loadActor(db: Db, user: ActorUser, via: SignedInActor['via']): Promise<SignedInActor> {
	const [adminRows, memberRows] = await Promise.all([
		// With each city the person administers, that city's office (the city as an issuer).
		db
			.select({ cityId: cityAdmins.cityId, officeId: organisations.id })
			.from(cityAdmins)
			.leftJoin(organisations, and(eq(organisations.cityId, cityAdmins.cityId), eq(organisations.kind, 'city_office')))
			.where(eq(cityAdmins.userId, user.id)),
		db
			.select({ organisationId: memberships.organisationId, role: memberships.role, cityId: memberships.cityId })
			.from(memberships)
			.where(eq(memberships.userId, user.id))
	]);
	// A city's admins act as admins of its office; a membership of their own there counts as well.
	const officeRoles: [string, { role: MembershipRole; cityId: string }][] = adminRows.flatMap((row) => (row.officeId ? [[row.officeId, { role: 'admin' as const, cityId: row.cityId }] as const] : []));
	return {
		kind: 'user',
		user,
		via,
		cityAdminOf: new Set(adminRows.map((row) => row.cityId)),
		memberships: new Map([...officeRoles, ...memberRows.map((row) => [row.organisationId, { role: row.role, cityId: row.cityId }] as const)])
	};
}
