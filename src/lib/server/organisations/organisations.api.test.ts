import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityWithAdmin, createOrganisation, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';
import { linkIn } from '../../../../tests/support/server';

let platform: Platform;
beforeAll(async () => {
	platform = await startPlatform();
});
afterAll(() => platform?.server.stop());

describe('registering an organisation', () => {
	it('needs a signed-in person and valid fields', async () => {
		const { city } = await cityWithAdmin(platform);
		expect((await platform.anonymous.post('/api/v1/organisations', { city: city.slug })).status).toBe(401);
		const learner = await signUp(platform);
		const res = await learner.post('/api/v1/organisations', {
			city: 'no-such-city',
			name: 'X',
			type: 'circus',
			email: 'nope',
			website: 'javascript:alert(1)'
		});
		expect(res.status).toBe(422);
		const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
		expect(paths).toEqual(['email', 'name', 'type', 'website']);
		const unknownCity = await learner.post('/api/v1/organisations', { city: 'no-such-city', name: 'Okay name', type: 'ngo', email: 'a@b.org' });
		expect(unknownCity.status).toBe(422);
		expect(unknownCity.body.error.details[0]).toMatchObject({ path: 'city', code: 'unknown_city' });
	});

	it('starts pending, hidden from the public, with the creator as owner', async () => {
		const { city } = await cityWithAdmin(platform);
		const owner = await signUp(platform, 'owner');
		const org = await createOrganisation(owner, city.slug, { description: 'Plain text goes to the default locale' });
		expect(org.status).toBe('pending');
		expect((org as unknown as { description: Record<string, string> }).description).toEqual({ nl: 'Plain text goes to the default locale' });

		expect((await platform.anonymous.get(`/api/v1/organisations/${org.id}`)).status).toBe(404);
		expect((await (await signUp(platform)).get(`/api/v1/organisations/${org.id}`)).status).toBe(404);
		expect((await owner.get(`/api/v1/organisations/${org.id}`)).status).toBe(200);
		const me = await owner.get('/api/v1/me');
		expect(me.body.memberships).toEqual([expect.objectContaining({ organisationId: org.id, role: 'owner' })]);
		const publicList = await platform.anonymous.get(`/api/v1/organisations?city=${city.slug}`);
		expect(publicList.body.items).toEqual([]);
	});
});

describe('approval by the city', () => {
	it('approves, suspends with a reason and reinstates, once each', async () => {
		const { city, cityAdmin } = await cityWithAdmin(platform);
		const owner = await signUp(platform, 'owner');
		const org = await createOrganisation(owner, city.slug);

		const pending = await cityAdmin.get(`/api/v1/organisations?city=${city.slug}&status=pending`);
		expect(pending.body.items.map((o: { id: string }) => o.id)).toEqual([org.id]);
		expect((await owner.get(`/api/v1/organisations?city=${city.slug}&status=pending`)).status).toBe(403);
		expect((await cityAdmin.get('/api/v1/organisations?status=pending')).status).toBe(422);

		const approved = await cityAdmin.post(`/api/v1/organisations/${org.id}/approve`);
		expect(approved.status).toBe(200);
		expect(approved.body.status).toBe('approved');
		expect((await cityAdmin.post(`/api/v1/organisations/${org.id}/approve`)).status).toBe(409);
		expect((await platform.anonymous.get(`/api/v1/organisations/${org.id}`)).status).toBe(200);

		expect((await cityAdmin.post(`/api/v1/organisations/${org.id}/suspend`, {})).status).toBe(422);
		const suspended = await cityAdmin.post(`/api/v1/organisations/${org.id}/suspend`, { reason: 'Unsafe practices reported' });
		expect(suspended.body).toMatchObject({ status: 'suspended', statusReason: 'Unsafe practices reported' });
		expect((await platform.anonymous.get(`/api/v1/organisations/${org.id}`)).status).toBe(404);
		expect((await cityAdmin.post(`/api/v1/organisations/${org.id}/approve`)).body.status).toBe('approved');
	});

	it('gives a city admin no power over another city', async () => {
		const { cityAdmin } = await cityWithAdmin(platform);
		const { city: otherCity } = await cityWithAdmin(platform);
		const org = await createOrganisation(await signUp(platform), otherCity.slug);
		expect((await cityAdmin.post(`/api/v1/organisations/${org.id}/approve`)).status).toBe(403);
		expect((await cityAdmin.get(`/api/v1/organisations/${org.id}`)).status).toBe(404);
	});

	it('answers 404 for ids that do not exist or are not ids', async () => {
		expect((await platform.admin.post('/api/v1/organisations/00000000-0000-4000-8000-000000000000/approve')).status).toBe(404);
		expect((await platform.admin.post('/api/v1/organisations/1%20or%201=1/approve')).status).toBe(404);
	});
});

describe('members and invitations', () => {
	it('invites by e-mail; the invitee accepts with the matching account', async () => {
		const { city, cityAdmin } = await cityWithAdmin(platform);
		const owner = await signUp(platform, 'owner');
		const org = await createOrganisation(owner, city.slug);
		await cityAdmin.post(`/api/v1/organisations/${org.id}/approve`);

		const invite = await owner.post(`/api/v1/organisations/${org.id}/invitations`, { email: 'Maria@Example.org', role: 'admin' });
		expect(invite.status).toBe(201);
		expect(invite.body).toMatchObject({ email: 'maria@example.org', role: 'admin' });
		const mail = await platform.server.waitForMail((m) => m.to === 'maria@example.org' && m.kind === 'invitation');
		expect(mail.subject).toContain(org.name);
		const token = linkIn(mail, '/invitations/').pathname.split('/').pop()!;

		const preview = await platform.anonymous.get(`/api/v1/invitations/${token}`);
		expect(preview.body).toMatchObject({ organisation: { id: org.id }, role: 'admin', email: 'maria@example.org' });

		expect((await platform.anonymous.post(`/api/v1/invitations/${token}/accept`)).status).toBe(401);
		const stranger = await signUp(platform, 'stranger');
		expect((await stranger.post(`/api/v1/invitations/${token}/accept`)).status).toBe(403);

		const reg = await platform.anonymous.post('/api/v1/auth/register', { email: 'maria@example.org', password: 'maria password', name: 'Maria' });
		const maria = platform.anonymous.as(reg.body.token);
		const accepted = await maria.post(`/api/v1/invitations/${token}/accept`);
		expect(accepted.status).toBe(200);
		expect(accepted.body).toEqual({ organisationId: org.id, role: 'admin' });
		expect((await maria.post(`/api/v1/invitations/${token}/accept`)).status).toBe(400);
		expect((await maria.get('/api/v1/me')).body.emailVerified).toBe(true);

		const members = await maria.get(`/api/v1/organisations/${org.id}/members`);
		expect(members.body.items.map((m: { role: string }) => m.role).sort()).toEqual(['admin', 'owner']);
		expect((await owner.post(`/api/v1/organisations/${org.id}/invitations`, { email: 'maria@example.org' })).status).toBe(409);
		// An admin may invite members but not owners.
		expect((await maria.post(`/api/v1/organisations/${org.id}/invitations`, { email: 'x@example.org', role: 'owner' })).status).toBe(403);
		expect((await maria.post(`/api/v1/organisations/${org.id}/invitations`, { email: 'x@example.org', role: 'member' })).status).toBe(201);
	});

	it('re-sends instead of duplicating, and a withdrawn invitation stops working', async () => {
		const { city } = await cityWithAdmin(platform);
		const owner = await signUp(platform, 'owner');
		const org = await createOrganisation(owner, city.slug);
		await owner.post(`/api/v1/organisations/${org.id}/invitations`, { email: 'twice@example.org' });
		const second = await owner.post(`/api/v1/organisations/${org.id}/invitations`, { email: 'twice@example.org', role: 'admin' });
		const open = await owner.get(`/api/v1/organisations/${org.id}/invitations`);
		expect(open.body.items).toHaveLength(1);
		expect(open.body.items[0].role).toBe('admin');

		const mails = platform.server.mails().filter((m) => m.to === 'twice@example.org');
		expect(mails).toHaveLength(2);
		const firstToken = linkIn(mails[0]!, '/invitations/').pathname.split('/').pop();
		expect((await platform.anonymous.get(`/api/v1/invitations/${firstToken}`)).status).toBe(400);

		expect((await owner.delete(`/api/v1/organisations/${org.id}/invitations/${second.body.id}`)).status).toBe(204);
		const lastToken = linkIn(mails[1]!, '/invitations/').pathname.split('/').pop();
		expect((await platform.anonymous.get(`/api/v1/invitations/${lastToken}`)).status).toBe(400);
	});

	it('always keeps an owner', async () => {
		const { city } = await cityWithAdmin(platform);
		const owner = await signUp(platform, 'owner');
		const org = await createOrganisation(owner, city.slug);
		const demote = await owner.patch(`/api/v1/organisations/${org.id}/members/${owner.userId}`, { role: 'member' });
		expect(demote.status).toBe(409);
		expect(demote.body.error.code).toBe('last_owner');
		expect((await owner.delete(`/api/v1/organisations/${org.id}/members/${owner.userId}`)).status).toBe(409);
	});
});

describe('deleting an account that owns organisations', () => {
	it('is refused for the only owner of an approved organisation, allowed for a pending one', async () => {
		const { city, cityAdmin } = await cityWithAdmin(platform);
		const reg = await platform.anonymous.post('/api/v1/auth/register', { email: 'sole-owner@example.org', password: 'sole owner pw', name: 'Sole' });
		const owner = platform.anonymous.as(reg.body.token);
		const approved = await createOrganisation(owner, city.slug);
		await cityAdmin.post(`/api/v1/organisations/${approved.id}/approve`);
		const pending = await createOrganisation(owner, city.slug);

		const refused = await owner.delete('/api/v1/me', { password: 'sole owner pw' });
		expect(refused.status).toBe(409);
		expect(refused.body.error.code).toBe('last_owner');
		expect(refused.body.error.message).toContain(approved.name);

		await cityAdmin.post(`/api/v1/organisations/${approved.id}/suspend`, { reason: 'closing down' });
		const stillRefused = await owner.delete('/api/v1/me', { password: 'sole owner pw' });
		expect(stillRefused.status).toBe(409);
		expect((await platform.admin.get(`/api/v1/organisations/${pending.id}`)).status).toBe(200);

		const reg2 = await platform.anonymous.post('/api/v1/auth/register', { email: 'pending-only@example.org', password: 'pending only', name: 'P' });
		const pendingOwner = platform.anonymous.as(reg2.body.token);
		const lonely = await createOrganisation(pendingOwner, city.slug);
		expect((await pendingOwner.delete('/api/v1/me', { password: 'pending only' })).status).toBe(204);
		expect((await platform.admin.get(`/api/v1/organisations/${lonely.id}`)).status).toBe(404);
	});

	it('is refused for the last platform admin', async () => {
		const res = await platform.admin.delete('/api/v1/me', { password: 'admin password 1' });
		expect(res.status).toBe(409);
		expect(res.body.error.code).toBe('last_platform_admin');
	});
});
