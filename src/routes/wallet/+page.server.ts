import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { myWalletCards } from '$lib/server/wallet/service';
import { filterOptions, matchesFilter } from '$lib/server/wallet/cards';
import { loadLearnerOverview, upcomingSessions } from '$lib/server/learners/overview';

/** The skill wallet: every credential I hold (filtered by framework or skill), my playlists and what is coming up. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const [cards, overview] = await Promise.all([myWalletCards(locals.app, actor), loadLearnerOverview(locals.app, actor, locals.locale)]);
	const options = filterOptions(cards, locals.app.frameworks);
	// Unknown values (an old link, a typed URL) are ignored rather than showing an empty wallet.
	const framework = options.frameworks.find((o) => o.value === url.searchParams.get('framework'))?.value;
	const skill = options.skills.find((o) => o.value === url.searchParams.get('skill'))?.value;
	return {
		total: cards.length,
		credentials: cards.filter((card) => matchesFilter(card, { framework, skill })),
		filter: { framework: framework ?? '', skill: skill ?? '' },
		options,
		playlists: overview.playlists,
		upcoming: upcomingSessions(overview.joined, locals.app.now())
	};
};
