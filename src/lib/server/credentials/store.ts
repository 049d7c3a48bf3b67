import type { AppContext } from '../app/context';
import type { Db } from '../db/database';
import { recordAudit } from '../platform/audit';
import { activeKeyPair, issuerContext } from './issuer';
import { signCredential } from './openbadge';
import { allocateStatusIndexes } from './status-list';
import { credentials } from './schema';

type Deps = Pick<AppContext, 'db' | 'config' | 'credentialSecret'>;
export type NewCredentialRow = Omit<typeof credentials.$inferInsert, 'id' | 'statusIndex' | 'document' | 'organisationId' | 'cityId' | 'awardKey'>;

/**
 * Signs and stores one credential under its award key, in the transaction that also takes its status
 * list position: the unique award key decides, so nothing is issued twice and no position is lost to
 * a rolled-back award. Returns undefined when another request stored that key first.
 */
export async function storeNewCredential(
	app: Deps,
	input: {
		issuer: { id: string; cityId: string };
		awardKey: string;
		build: (credentialId: string, statusIndex: number) => Record<string, unknown>;
		row: NewCredentialRow & { awardedBy: string | null };
		audit: Record<string, unknown>;
		/** More writes that belong to the award (an enrolment marked completed). */
		alsoWrite?: (tx: Db) => Promise<unknown>;
	}
) {
	const keyPair = await activeKeyPair(issuerContext(app), input.issuer);
	return app.db
		.transaction(async (tx) => {
			const statusIndex = await allocateStatusIndexes(tx, input.issuer);
			const id = crypto.randomUUID();
			const document = await signCredential(input.build(id, statusIndex), keyPair);
			const [inserted] = await tx
				.insert(credentials)
				.values({ ...input.row, id, cityId: input.issuer.cityId, organisationId: input.issuer.id, awardKey: input.awardKey, statusIndex, document })
				.onConflictDoNothing({ target: credentials.awardKey })
				.returning();
			// Another request awarded it first: give the position back by undoing this transaction.
			if (!inserted) throw new AwardRace();
			await input.alsoWrite?.(tx);
			await recordAudit(tx, { cityId: input.issuer.cityId, actorId: input.row.awardedBy, action: 'credential.award', targetType: 'credential', targetId: id, data: input.audit });
			return inserted;
		})
		.catch((error: unknown) => {
			if (error instanceof AwardRace) return undefined;
			throw error;
		});
}

class AwardRace extends Error {}
