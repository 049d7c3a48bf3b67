import type { AppContext } from '../app/context';
import type { SignedInActor } from '../auth/actor';
import { listMyCredentials } from '../credentials/service';
import { presentWalletCard } from './cards';
import { skillProfile } from './skill-profile';

/** The learner's credentials as wallet cards, newest first. */
export async function myWalletCards(app: Pick<AppContext, 'db' | 'frameworks' | 'now'>, actor: SignedInActor) {
	const now = app.now();
	return (await listMyCredentials(app, actor)).map((row) => presentWalletCard(row, app.frameworks, now));
}

/** The learner's skill profile: evidence per framework competence, from every credential they hold. */
export async function mySkillProfile(app: Pick<AppContext, 'db' | 'frameworks'>, actor: SignedInActor) {
	return skillProfile(await listMyCredentials(app, actor), app.frameworks);
}
