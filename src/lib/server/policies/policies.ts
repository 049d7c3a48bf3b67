import type { Actor, MembershipRole, SignedInActor } from '../auth/actor';
import { forbidden, unauthenticated } from '../http/errors';

/**
 * Who may do what, in one table. Deny by default: an action missing here cannot be authorised, and a
 * rule sees only the scope it is given (the city and organisation an action touches), which handlers
 * load before any protected data.
 *
 * Roles: a visitor is anyone; a learner is any signed-in person; organisers are members of an
 * organisation (owner / admin / member); a city admin administers one or more cities; a platform
 * admin administers the platform and may act as a city admin in every city.
 */
export interface Scope {
	cityId?: string;
	organisationId?: string;
}

type Rule = (actor: SignedInActor, scope: Scope) => boolean;

const anyone = () => true;
const signedIn: Rule = () => true;
const platformAdmin: Rule = (actor) => actor.user.isPlatformAdmin;
const cityAdmin: Rule = (actor, scope) =>
	actor.user.isPlatformAdmin || (scope.cityId !== undefined && actor.cityAdminOf.has(scope.cityId));
const orgRole =
	(...roles: MembershipRole[]): Rule =>
	(actor, scope) => {
		const membership = scope.organisationId ? actor.memberships.get(scope.organisationId) : undefined;
		return membership !== undefined && roles.includes(membership.role);
	};
const either =
	(...rules: Rule[]): Rule =>
	(actor, scope) =>
		rules.some((rule) => rule(actor, scope));

/** The owner of something a city or an organisation may own: the organisation's members, else the city's admins. */
const owner: Rule = (actor, scope) => (scope.organisationId ? orgRole('owner', 'admin', 'member')(actor, scope) : cityAdmin(actor, scope));

const policies = {
	// Platform
	'city.create': platformAdmin,
	'city.admins.manage': platformAdmin,
	// A city
	'city.read': anyone,
	'city.update': cityAdmin,
	'city.admins.list': cityAdmin,
	'city.audit.read': cityAdmin,
	'city.organisations.review': cityAdmin,
	// Organisations
	'organisation.create': signedIn,
	'organisation.readPublic': anyone,
	'organisation.readPrivate': either(orgRole('owner', 'admin', 'member'), cityAdmin),
	'organisation.update': orgRole('owner', 'admin'),
	'organisation.members.list': either(orgRole('owner', 'admin', 'member'), cityAdmin),
	'organisation.members.invite': orgRole('owner', 'admin'),
	'organisation.members.manage': orgRole('owner'),
	'organisation.owners.grant': orgRole('owner'),
	// Activities (the organisation must also be approved to create or publish; services check that)
	'activity.create': orgRole('owner', 'admin', 'member'),
	'activity.manage': orgRole('owner', 'admin', 'member'),
	'activity.readPrivate': either(orgRole('owner', 'admin', 'member'), cityAdmin),
	'activity.moderate': cityAdmin,
	'activity.quality.review': cityAdmin,
	'activity.participants': orgRole('owner', 'admin', 'member'),
	// Badges: the organisation that issued a credential awards and revokes it
	'credential.award': orgRole('owner', 'admin', 'member'),
	'credential.revoke': orgRole('owner', 'admin'),
	'issuer.rotateKey': orgRole('owner', 'admin'),
	// An organisation vouches for another's badge through its owners and admins
	'badge.endorse': orgRole('owner', 'admin'),
	// Playlists: the owning organisation builds them; city admins feature them on the city's home page
	'playlist.create': orgRole('owner', 'admin', 'member'),
	'playlist.manage': orgRole('owner', 'admin', 'member'),
	'playlist.readPrivate': either(orgRole('owner', 'admin', 'member'), cityAdmin),
	'playlist.feature': cityAdmin,
	// Surveys: their owner builds them; results also to the city's admins, who oversee the city's programme
	'survey.manage': owner,
	'survey.results': either(owner, cityAdmin),
	'playlist.impact': either(orgRole('owner', 'admin', 'member'), cityAdmin),
	'organisation.feedback': either(orgRole('owner', 'admin', 'member'), cityAdmin),
	// Dashboards: a city's figures and targets for its admins; an organisation's for its members and city
	'city.stats.read': cityAdmin,
	'city.targets.manage': cityAdmin,
	'organisation.stats.read': either(orgRole('owner', 'admin', 'member'), cityAdmin),
	// Learners
	'activity.join': signedIn,
	'playlist.follow': signedIn,
	// A learner's wallet: badges from elsewhere, and the apps they let read or add to it
	'wallet.import': signedIn,
	'wallet.connectApp': signedIn
} satisfies Record<string, Rule | (() => boolean)>;

export type Action = keyof typeof policies;

export function can(actor: Actor, action: Action, scope: Scope = {}): boolean {
	const rule: Rule | (() => boolean) | undefined = policies[action];
	if (!rule) return false;
	if (rule === anyone) return true;
	return actor.kind === 'user' && (rule as Rule)(actor, scope);
}

/** Throws 401 for a visitor and 403 for a signed-in person who may not do this. */
export function authorize(actor: Actor, action: Action, scope: Scope = {}): void {
	if (can(actor, action, scope)) return;
	throw actor.kind === 'user' ? forbidden() : unauthenticated();
}

/** Narrows to a signed-in actor or throws 401. */
export function requireUser(actor: Actor): SignedInActor {
	if (actor.kind !== 'user') throw unauthenticated();
	return actor;
}
