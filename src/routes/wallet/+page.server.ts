import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { myWalletWithImports } from '$lib/server/wallet/service';
import { filterOptions, matchesFilter } from '$lib/server/wallet/cards';
import { loadLearnerOverview, upcomingSessions } from '$lib/server/learners/overview';

/** Cards per page: a phone scrolls through a page comfortably, and a wallet of hundreds stays quick. */
const PAGE_SIZE = 24;

/** The skill wallet: every credential I hold (filtered by framework or skill), my playlists and what is coming up. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const [cards, overview] = await Promise.all([myWalletWithImports(locals.app, actor), loadLearnerOverview(locals.app, actor, locals.locale, { completed: false })]);
	const options = filterOptions(cards, locals.app.frameworks);
	// Unknown values (an old link, a typed URL) are ignored rather than showing an empty wallet.
	const framework = options.frameworks.find((o) => o.value === url.searchParams.get('framework'))?.value;
	const skill = options.skills.find((o) => o.value === url.searchParams.get('skill'))?.value;
	const matching = cards.filter((card) => matchesFilter(card, { framework, skill }));
	const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
	// A page past the end (the wallet shrank since the link was made) shows the last one.
	const page = Math.min(pages, Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '', 10) || 1));
	return {
		total: cards.length,
		matching: matching.length,
		credentials: matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
		paging: { page, limit: PAGE_SIZE },
		filter: { framework: framework ?? '', skill: skill ?? '' },
		options,
		playlists: overview.playlists,
		upcoming: upcomingSessions(overview.joined, locals.app.now())
	};
};
