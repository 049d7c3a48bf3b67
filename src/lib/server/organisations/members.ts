import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Db } from '../db/database';
import type { Actor } from '../auth/actor';
import { authorize, requireUser } from '../policies/policies';
import { AppError, notFound } from '../http/errors';
import { recordAudit } from '../platform/audit';
import { memberships } from './schema';
import { countOwners, findOrganisationScope, listMembers, lockOrganisation } from './queries';
import type { MemberDto } from './schemas';

type Deps = Pick<AppContext, 'db'>;

async function scopeOrThrow(app: Deps, organisationId: string) {
	const scope = await findOrganisationScope(app.db, organisationId);
	if (!scope) throw notFound('Organisation');
	return { cityId: scope.cityId, organisationId };
}

export async function listOrganisationMembers(app: Deps, actor: Actor, organisationId: string) {
	const scope = await scopeOrThrow(app, organisationId);
	authorize(actor, 'organisation.members.list', scope);
	return listMembers(app.db, organisationId);
}

const memberKey = (organisationId: string, userId: string) =>
	and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId));

/**
 * Inside a transaction: locks the organisation's memberships, loads one member (404 when absent) and,
 * when the change takes an owner's role away, refuses it if that owner is the last one.
 */
async function lockMember(tx: Db, organisationId: string, userId: string, change: { leavingOwnerRole: boolean }) {
	await lockOrganisation(tx, organisationId);
	const [member] = await tx.select({ role: memberships.role }).from(memberships).where(memberKey(organisationId, userId));
	if (!member) throw notFound('Member');
	if (member.role === 'owner' && change.leavingOwnerRole && (await countOwners(tx, organisationId)) <= 1) {
		throw new AppError('last_owner', 'An organisation needs at least one owner: make another member an owner first.');
	}
	return member;
}

/** Owners change roles; only an owner can make someone an owner, and the last owner cannot step down. */
export async function changeMemberRole(
	app: Deps,
	actor: Actor,
	organisationId: string,
	userId: string,
	role: MemberDto['role']
) {
	const scope = await scopeOrThrow(app, organisationId);
	authorize(actor, 'organisation.members.manage', scope);
	if (role === 'owner') authorize(actor, 'organisation.owners.grant', scope);
	await app.db.transaction(async (tx) => {
		const member = await lockMember(tx, organisationId, userId, { leavingOwnerRole: role !== 'owner' });
		await tx.update(memberships).set({ role }).where(memberKey(organisationId, userId));
		await recordAudit(tx, {
			cityId: scope.cityId,
			actorId: requireUser(actor).user.id,
			action: 'organisation.member.role',
			targetType: 'user',
			targetId: userId,
			data: { organisationId, from: member.role, to: role }
		});
	});
	return (await listMembers(app.db, organisationId)).find((m) => m.userId === userId)!;
}

/** Owners remove members; any member may leave (remove themselves), except the last owner. */
export async function removeMember(app: Deps, actor: Actor, organisationId: string, userId: string): Promise<void> {
	const scope = await scopeOrThrow(app, organisationId);
	const user = requireUser(actor);
	if (user.user.id !== userId) authorize(actor, 'organisation.members.manage', scope);
	else authorize(actor, 'organisation.members.list', scope);
	await app.db.transaction(async (tx) => {
		await lockMember(tx, organisationId, userId, { leavingOwnerRole: true });
		await tx.delete(memberships).where(memberKey(organisationId, userId));
		await recordAudit(tx, {
			cityId: scope.cityId,
			actorId: user.user.id,
			action: user.user.id === userId ? 'organisation.member.leave' : 'organisation.member.remove',
			targetType: 'user',
			targetId: userId,
			data: { organisationId }
		});
	});
}
