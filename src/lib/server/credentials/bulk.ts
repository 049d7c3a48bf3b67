import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, requireUser } from '../policies/policies';
import { AppError, invalidState, notFound } from '../http/errors';
import { users } from '../accounts/schema';
import { activities } from '../activities/schema';
import { activityColumns } from '../activities/queries';
import { cities } from '../cities/schema';
import { organisations } from '../organisations/schema';
import { enrolments, HOLDS_PLACE } from '../enrolments/schema';
import { awardBatches, awardBatchItems, credentials, type AwardBatchItemStatus } from './schema';
import { buildCredential, signCredential } from './openbadge';
import { allocateStatusIndexes } from './status-list';
import { expiryOf } from './service';
import { activeKeyPair, issuerContext } from './issuer';
import { badgeAwardedMail } from './mails';
import { awardDuePlaylistBadges } from '../playlists/badge';
import { endorsementDocuments } from './endorsements';
import { recordAudit } from '../platform/audit';
import type { BulkAwardInput } from './bulk-schemas';
import { enqueue } from '../jobs/queue';
import { wakeLocalRunners, type JobHandler } from '../jobs/runner';

type Deps = Pick<AppContext, 'db' | 'config' | 'frameworks' | 'credentialSecret' | 'now' | 'mailer' | 'logger'>;

/** Items signed and stored together: one status-list allocation and one short transaction each. */
const CHUNK = 50;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Opens a bulk award and starts working through it in the background; returns at once. */
export async function createAwardBatch(app: Deps, actor: Actor, activityId: string, input: BulkAwardInput) {
	const user = requireUser(actor);
	const [activity] = await app.db
		.select({ id: activities.id, cityId: activities.cityId, organisationId: activities.organisationId, badge: activities.badge, status: activities.status, organisationStatus: organisations.status })
		.from(activities)
		.innerJoin(organisations, eq(organisations.id, activities.organisationId))
		.where(eq(activities.id, activityId));
	if (!activity) throw notFound('Activity');
	authorize(actor, 'credential.award', { cityId: activity.cityId, organisationId: activity.organisationId });
	if (activity.organisationStatus !== 'approved') throw invalidState('Only an approved organisation can award badges.');
	if (!activity.badge) throw invalidState('This activity has no badge.');
	if (activity.status !== 'published' && activity.status !== 'archived') throw invalidState('Badges are awarded for published activities.');

	const batch = await app.db.transaction(async (tx) => {
		const [created] = await tx
			.insert(awardBatches)
			.values({ cityId: activity.cityId, organisationId: activity.organisationId, activityId, createdBy: user.user.id, reaward: input.reaward, total: input.recipients.length })
			.returning();
		for (let start = 0; start < input.recipients.length; start += 500) {
			await tx.insert(awardBatchItems).values(
				input.recipients.slice(start, start + 500).map((recipient, index) => ({
					batchId: created!.id,
					row: recipient.row ?? start + index + 1,
					email: normaliseEmail(recipient.email),
					name: recipient.name ?? null,
					narrative: recipient.narrative ?? null
				}))
			);
		}
		await recordAudit(tx, { cityId: activity.cityId, actorId: user.user.id, action: 'credential.bulk_award', targetType: 'activity', targetId: activityId, data: { batchId: created!.id, recipients: input.recipients.length, reaward: input.reaward } });
		// The batch's job commits with it; a worker on any instance works through it.
		await enqueue(tx, AWARD_BATCH_QUEUE, { batchId: created!.id }, { singletonKey: created!.id });
		return created!;
	});
	wakeLocalRunners();
	return batch;
}

/** The queue of bulk awards: `{ batchId }`, run by `runAwardBatch` (idempotent: it only takes pending items). */
export const AWARD_BATCH_QUEUE = 'credential.award_batch';

export function awardBatchJobHandler(app: Deps): JobHandler {
	return { run: (payload) => runAwardBatch(app, String(payload.batchId)) };
}

/**
 * Unfinished batches without a job (started before bulk awards ran as jobs) get one; the singleton key
 * adds nothing for a batch whose job is waiting or running, so every instance may call this at start.
 */
export async function resumeAwardBatches(app: Deps): Promise<number> {
	const unfinished = await app.db.select({ id: awardBatches.id }).from(awardBatches).where(eq(awardBatches.status, 'running'));
	let added = 0;
	for (const { id } of unfinished) if (await enqueue(app.db, AWARD_BATCH_QUEUE, { batchId: id }, { singletonKey: id })) added++;
	return added;
}

export async function runAwardBatch(app: Deps, batchId: string): Promise<void> {
	for (;;) {
		const items = await app.db
			.select()
			.from(awardBatchItems)
			.where(and(eq(awardBatchItems.batchId, batchId), eq(awardBatchItems.status, 'pending')))
			.orderBy(asc(awardBatchItems.row))
			.limit(CHUNK);
		if (items.length === 0) break;
		await awardChunk(app, batchId, items);
	}
	await notifyRecipients(app, batchId);
	await app.db.update(awardBatches).set({ status: 'done', finishedAt: app.now() }).where(and(eq(awardBatches.id, batchId), eq(awardBatches.status, 'running')));
}

type Item = typeof awardBatchItems.$inferSelect;

async function awardChunk(app: Deps, batchId: string, items: Item[]) {
	const [context] = await app.db
		.select({ batch: awardBatches, activity: activityColumns, organisation: organisations, city: { defaultLocale: cities.defaultLocale } })
		.from(awardBatches)
		.innerJoin(activities, eq(activities.id, awardBatches.activityId))
		.innerJoin(organisations, eq(organisations.id, awardBatches.organisationId))
		.innerJoin(cities, eq(cities.id, awardBatches.cityId))
		.where(eq(awardBatches.id, batchId));
	if (!context) return;
	const { batch, activity, organisation } = context;
	const badge = activity.badge;
	if (!badge || organisation.status !== 'approved') {
		const reason = !badge ? 'The activity no longer has a badge.' : 'The organisation is no longer approved.';
		await setItems(app, items, { status: 'failed', error: reason });
		return;
	}

	const issuedAt = app.now();
	let validUntil: Date | null;
	try {
		validUntil = expiryOf(badge, issuedAt);
	} catch (error) {
		// The badge's fixed expiry day passed while the batch waited: nobody left gets it.
		if (!(error instanceof AppError)) throw error;
		await setItems(app, items, { status: 'failed', error: error.message });
		return;
	}
	const emails = items.map((item) => item.email);
	const accounts = await app.db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(sql`lower(${users.email})`, emails));
	const accountOf = new Map(accounts.map((account) => [normaliseEmail(account.email), account]));
	// Re-awarding issues once more per batch: a retried batch still never doubles.
	const suffix = batch.reaward ? `:batch:${batch.id}` : '';
	const keyOf = (item: Item) => {
		const account = accountOf.get(item.email);
		return `activity:${activity.id}:${account ? `user:${account.id}` : `email:${item.email}`}${suffix}`;
	};
	// Someone awarded by e-mail before they had an account already holds it under the e-mail's key.
	const emailKeyOf = (item: Item) => `activity:${activity.id}:email:${item.email}${suffix}`;
	const held = await app.db
		.select({ id: credentials.id, awardKey: credentials.awardKey })
		.from(credentials)
		.where(inArray(credentials.awardKey, [...new Set(items.flatMap((item) => [keyOf(item), emailKeyOf(item)]))]));
	const heldByKey = new Map(held.map((c) => [c.awardKey, c.id]));
	for (const item of items) {
		const heldByEmail = heldByKey.get(emailKeyOf(item));
		if (heldByEmail && !heldByKey.has(keyOf(item))) heldByKey.set(keyOf(item), heldByEmail);
	}
	// The same person twice in one file: the first line awards, the others point at it.
	const firstRowOf = new Map<string, number>();
	const toIssue: Item[] = [];
	for (const item of items) {
		const key = keyOf(item);
		if (heldByKey.has(key)) continue;
		if (!firstRowOf.has(key)) {
			firstRowOf.set(key, item.row);
			toIssue.push(item);
		}
	}
	const enrolled = accounts.length
		? await app.db
				.select({ id: enrolments.id, userId: enrolments.userId, status: enrolments.status })
				.from(enrolments)
				.where(and(eq(enrolments.activityId, activity.id), inArray(enrolments.userId, accounts.map((a) => a.id))))
		: [];
	const enrolmentOf = new Map(enrolled.filter((e) => HOLDS_PLACE.includes(e.status)).map((e) => [e.userId, e.id]));

	const signed: (typeof credentials.$inferInsert)[] = [];
	if (toIssue.length) {
		const keyPair = await activeKeyPair(issuerContext(app), { id: organisation.id, cityId: organisation.cityId });
		const endorsed = await endorsementDocuments(app, activity.id);
		const firstIndex = await allocateStatusIndexes(app.db, { id: organisation.id, cityId: organisation.cityId }, toIssue.length);
		for (const [offset, item] of toIssue.entries()) {
			const account = accountOf.get(item.email);
			const id = crypto.randomUUID();
			const unsigned = buildCredential(
				{
					credentialId: id,
					publicUrl: app.config.publicUrl,
					organisation,
					achievement: { kind: 'activity', id: activity.id, badge, skills: activity.skills },
					locales: [context.city.defaultLocale, ...Object.keys(activity.title)],
					learner: account ? { id: account.id, email: account.email, name: account.name } : { id: null, email: item.email, name: item.name ?? '' },
					narrative: item.narrative,
					statusIndex: firstIndex + offset,
					issuedAt,
					validUntil,
					endorsements: endorsed
				},
				app.frameworks
			);
			signed.push({
				id,
				cityId: activity.cityId,
				organisationId: organisation.id,
				activityId: activity.id,
				enrolmentId: account ? (enrolmentOf.get(account.id) ?? null) : null,
				userId: account?.id ?? null,
				recipientEmail: account ? null : item.email,
				awardKey: keyOf(item),
				statusIndex: firstIndex + offset,
				document: await signCredential(unsigned, keyPair),
				awardedBy: batch.createdBy,
				issuedAt,
				validUntil
			});
			// Signing resolves through promises alone (and PGlite answers in-process): without a pause
			// for the event loop, the server would not answer anyone until the whole chunk is signed.
			await yieldToEventLoop();
		}
	}

	const newHolders = await app.db.transaction(async (tx) => {
		const inserted = signed.length ? await tx.insert(credentials).values(signed).onConflictDoNothing({ target: credentials.awardKey }).returning({ id: credentials.id, awardKey: credentials.awardKey }) : [];
		const issued = new Map(inserted.map((c) => [c.awardKey, c.id]));
		// Anything issued meanwhile by another path (a direct award, another instance) is "already".
		const missing = signed.map((c) => c.awardKey).filter((key) => !issued.has(key));
		if (missing.length) {
			for (const c of await tx.select({ id: credentials.id, awardKey: credentials.awardKey }).from(credentials).where(inArray(credentials.awardKey, missing))) heldByKey.set(c.awardKey, c.id);
		}
		const completed = signed.filter((c) => issued.has(c.awardKey) && c.enrolmentId).map((c) => c.enrolmentId!);
		if (completed.length) await tx.update(enrolments).set({ status: 'completed' }).where(inArray(enrolments.id, completed));
		// Every item of the chunk in one statement (one round trip, not fifty).
		const outcomes = items.map((item) => {
			const key = keyOf(item);
			const status: AwardBatchItemStatus = firstRowOf.get(key) === item.row && issued.has(key) ? 'awarded' : 'already';
			return sql`(${item.id}::uuid, ${status}, ${issued.get(key) ?? heldByKey.get(key) ?? null}::uuid)`;
		});
		await tx.execute(sql`
			update ${awardBatchItems} set status = outcome.status, credential_id = outcome.credential_id,
				notified_at = case when outcome.status = 'already' then ${app.now()} else ${awardBatchItems.notifiedAt} end
			from (values ${sql.join(outcomes, sql`, `)}) as outcome(id, status, credential_id)
			where ${awardBatchItems.id} = outcome.id and ${awardBatchItems.status} = 'pending'`);
		return signed.filter((c) => issued.has(c.awardKey) && c.userId).map((c) => c.userId!);
	});
	// Learners with an account may have completed a playlist with this badge.
	for (const userId of newHolders) await awardDuePlaylistBadges(app, userId, [activity.id]);
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function setItems(app: Deps, items: Item[], values: { status: AwardBatchItemStatus; error: string }) {
	await app.db.update(awardBatchItems).set(values).where(inArray(awardBatchItems.id, items.map((i) => i.id)));
}

/**
 * Tells each new holder by e-mail, people without an account how to keep it. Marked after sending, so a
 * restart may send one twice but never skips one.
 */
async function notifyRecipients(app: Deps, batchId: string) {
	for (;;) {
		const untold = await app.db
			.select({ item: awardBatchItems, hasAccount: sql<boolean>`${credentials.userId} is not null`, document: credentials.document, locale: users.locale, cityLocale: cities.defaultLocale })
			.from(awardBatchItems)
			.innerJoin(credentials, eq(credentials.id, awardBatchItems.credentialId))
			.innerJoin(cities, eq(cities.id, credentials.cityId))
			.leftJoin(users, eq(users.id, credentials.userId))
			.where(and(eq(awardBatchItems.batchId, batchId), eq(awardBatchItems.status, 'awarded'), isNull(awardBatchItems.notifiedAt)))
			.limit(200);
		if (untold.length === 0) return;
		for (const row of untold) {
			const document = row.document as { id: string; name: string; issuer: { name: string } };
			await app.mailer
				.send(badgeAwardedMail({ email: row.item.email, name: row.item.name ?? '', locale: row.locale ?? row.cityLocale }, { name: document.name, issuer: document.issuer.name, url: document.id, signUpUrl: `${app.config.publicUrl}/signup` }, row.hasAccount))
				.catch((error: unknown) => app.logger.warn({ err: error, item: row.item.id }, 'badge e-mail not sent'));
		}
		await app.db.update(awardBatchItems).set({ notifiedAt: app.now() }).where(inArray(awardBatchItems.id, untold.map((row) => row.item.id)));
	}
}

/** A batch with its progress, for whoever may award in its organisation. */
export async function getAwardBatch(app: Pick<AppContext, 'db'>, actor: Actor, batchId: string) {
	const [batch] = await app.db.select().from(awardBatches).where(eq(awardBatches.id, batchId));
	if (!batch) throw notFound('Bulk award');
	authorize(actor, 'credential.award', { cityId: batch.cityId, organisationId: batch.organisationId });
	const counts = await app.db.select({ status: awardBatchItems.status, n: count() }).from(awardBatchItems).where(eq(awardBatchItems.batchId, batchId)).groupBy(awardBatchItems.status);
	const tally = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) as Partial<Record<AwardBatchItemStatus, number>>;
	const problems = await app.db
		.select({ row: awardBatchItems.row, email: awardBatchItems.email, error: awardBatchItems.error })
		.from(awardBatchItems)
		.where(and(eq(awardBatchItems.batchId, batchId), eq(awardBatchItems.status, 'failed')))
		.orderBy(asc(awardBatchItems.row))
		.limit(100);
	return { batch, tally, problems };
}

/**
 * Gives a person the credentials that were awarded to their e-mail before they had an account. Only a
 * verified address claims: otherwise anyone could sign up with someone else's e-mail and take them.
 */
export async function claimWaitingCredentials(app: Deps, user: { id: string; email: string; emailVerified: boolean }): Promise<number> {
	if (!user.emailVerified) return 0;
	const claimed = await app.db
		.update(credentials)
		.set({ userId: user.id, recipientEmail: null })
		.where(and(isNull(credentials.userId), eq(credentials.recipientEmail, normaliseEmail(user.email))))
		.returning({ id: credentials.id });
	if (claimed.length) await awardDuePlaylistBadges(app, user.id);
	return claimed.length;
}

/** The latest bulk awards of an activity, for its organisers. */
export async function listAwardBatches(app: Pick<AppContext, 'db'>, actor: Actor, activity: { id: string; cityId: string; organisationId: string }) {
	authorize(actor, 'credential.award', { cityId: activity.cityId, organisationId: activity.organisationId });
	return app.db.select().from(awardBatches).where(eq(awardBatches.activityId, activity.id)).orderBy(desc(awardBatches.createdAt)).limit(10);
}
