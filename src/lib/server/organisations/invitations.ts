import { hashSecret, newSecret } from '../shared/secrets';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, requireUser } from '../policies/policies';
import { AppError, invalidState, notFound } from '../http/errors';
import { recordAudit } from '../platform/audit';
import { users } from '../accounts/schema';
import { invitations, memberships, organisations } from './schema';
import { findOrganisation, findOrganisationScope, lockOrganisation } from './queries';
import { invitationMail } from './mails';
import type { MemberDto } from './schemas';

type Deps = Pick<AppContext, 'db' | 'mailer' | 'config'>;

const INVITATION_DAYS = 14;

/**
 * Invites someone by e-mail. Inviting an address that already has an open invitation sends a fresh
 * link (the old one stops working) with the new role, rather than a second invitation.
 */
export async function inviteMember(
	app: Deps,
	actor: Actor,
	organisationId: string,
	input: { email: string; role: MemberDto['role'] },
	mailLocale: string,
	now = new Date()
) {
	const org = await findOrganisation(app.db, organisationId);
	if (!org) throw notFound('Organisation');
	const scope = { cityId: org.cityId, organisationId };
	authorize(actor, 'organisation.members.invite', scope);
	if (input.role === 'owner') authorize(actor, 'organisation.owners.grant', scope);
	if (org.status === 'suspended') throw invalidState('A suspended organisation cannot invite members.');
	const inviter = requireUser(actor);
	const [invitee] = await app.db.select({ id: users.id, locale: users.locale }).from(users).where(eq(users.email, input.email));
	if (invitee) {
		const [existing] = await app.db
			.select({ role: memberships.role })
			.from(memberships)
			.where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, invitee.id)));
		if (existing) throw new AppError('already_member', 'This person is already a member of the organisation.');
	}
	const token = newSecret();
	const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
	const invitation = await app.db.transaction(async (tx) => {
		await lockOrganisation(tx, organisationId);
		const open = and(eq(invitations.organisationId, organisationId), eq(invitations.email, input.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt));
		const [updated] = await tx
			.update(invitations)
			.set({ role: input.role, tokenHash: hashSecret(token), expiresAt, invitedBy: inviter.user.id })
			.where(open)
			.returning();
		const [row] = updated
			? [updated]
			: await tx
					.insert(invitations)
					.values({ cityId: org.cityId, organisationId, email: input.email, role: input.role, tokenHash: hashSecret(token), invitedBy: inviter.user.id, expiresAt })
					.returning();
		await recordAudit(tx, {
			cityId: org.cityId,
			actorId: inviter.user.id,
			action: 'organisation.invite',
			targetType: 'invitation',
			targetId: row!.id,
			data: { organisationId, email: input.email, role: input.role }
		});
		return row!;
	});
	await app.mailer.send(
		invitationMail({
			to: input.email,
			locale: invitee?.locale ?? mailLocale,
			inviterName: inviter.user.name,
			organisationName: org.name,
			role: input.role,
			url: `${app.config.publicUrl}/invitations/${token}`,
			expiresAt
		})
	);
	return invitation;
}

export async function listOpenInvitations(app: Pick<AppContext, 'db'>, actor: Actor, organisationId: string) {
	const scope = await findOrganisationScope(app.db, organisationId);
	if (!scope) throw notFound('Organisation');
	authorize(actor, 'organisation.members.invite', { cityId: scope.cityId, organisationId });
	return app.db
		.select()
		.from(invitations)
		.where(and(eq(invitations.organisationId, organisationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
		.orderBy(desc(invitations.createdAt));
}

export async function revokeInvitation(app: Pick<AppContext, 'db'>, actor: Actor, organisationId: string, invitationId: string, now = new Date()) {
	const scope = await findOrganisationScope(app.db, organisationId);
	if (!scope) throw notFound('Organisation');
	authorize(actor, 'organisation.members.invite', { cityId: scope.cityId, organisationId });
	const revoked = await app.db
		.update(invitations)
		.set({ revokedAt: now })
		.where(and(eq(invitations.id, invitationId), eq(invitations.organisationId, organisationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
		.returning({ id: invitations.id });
	if (revoked.length === 0) throw notFound('Invitation');
}

async function findUsableInvitation(app: Pick<AppContext, 'db'>, token: string, now: Date) {
	const [row] = await app.db
		.select({ invitation: invitations, organisationName: organisations.name, organisationStatus: organisations.status })
		.from(invitations)
		.innerJoin(organisations, eq(organisations.id, invitations.organisationId))
		.where(eq(invitations.tokenHash, hashSecret(token)));
	if (!row || row.invitation.acceptedAt || row.invitation.revokedAt || row.invitation.expiresAt <= now) {
		throw new AppError('invalid_token', 'This invitation is invalid, was already used, or has expired. Ask for a new one.');
	}
	return row;
}

/** What an invitation link offers, for the page that asks the person to accept it. */
export async function previewInvitation(app: Pick<AppContext, 'db'>, token: string, now = new Date()) {
	const row = await findUsableInvitation(app, token, now);
	return {
		organisation: { id: row.invitation.organisationId, name: row.organisationName },
		email: row.invitation.email,
		role: row.invitation.role,
		expiresAt: row.invitation.expiresAt.toISOString()
	};
}

/**
 * Accepts an invitation for the signed-in person, whose e-mail address must be the invited one.
 * Following the mailed link proves they read that mailbox, so the address counts as verified.
 */
export async function acceptInvitation(app: Pick<AppContext, 'db'>, actor: Actor, token: string, now = new Date()) {
	const user = requireUser(actor);
	const row = await findUsableInvitation(app, token, now);
	const { invitation } = row;
	if (invitation.email !== user.user.email.toLowerCase()) {
		throw new AppError('forbidden', `This invitation was sent to ${invitation.email}; sign in with that address to accept it.`);
	}
	if (row.organisationStatus === 'suspended') throw invalidState('The organisation is suspended.');
	await app.db.transaction(async (tx) => {
		const claimed = await tx
			.update(invitations)
			.set({ acceptedAt: now, acceptedBy: user.user.id })
			.where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
			.returning({ id: invitations.id });
		if (claimed.length === 0) throw new AppError('invalid_token', 'This invitation was already used.');
		await tx
			.insert(memberships)
			.values({ cityId: invitation.cityId, organisationId: invitation.organisationId, userId: user.user.id, role: invitation.role })
			.onConflictDoNothing();
		await tx.update(users).set({ emailVerified: true }).where(eq(users.id, user.user.id));
		await recordAudit(tx, {
			cityId: invitation.cityId,
			actorId: user.user.id,
			action: 'organisation.member.join',
			targetType: 'user',
			targetId: user.user.id,
			data: { organisationId: invitation.organisationId, role: invitation.role }
		});
	});
	return { organisationId: invitation.organisationId, role: invitation.role };
}
