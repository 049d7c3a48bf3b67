import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { myWalletCards } from '$lib/server/wallet/service';
import { credentialUrl } from '$lib/server/credentials/did';
import { credentialQrSvg } from '$lib/server/credentials/view';

/**
 * A CV-style sheet of the badges the learner picks, each with a QR code that opens its verification
 * page. The choice travels in the address (a GET form), so it works without JavaScript.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	// Revoked badges would only fail verification on paper: they are not offered.
	const cards = (await myWalletCards(locals.app, actor)).filter((card) => card.status !== 'revoked');
	const wanted = new Set(url.searchParams.getAll('credential'));
	const chosen = cards.filter((card) => wanted.has(card.id));
	return {
		name: actor.user.name,
		choices: cards.map((card) => ({ value: card.id, label: `${card.name} (${card.issuer})` })),
		selected: chosen.map((card) => card.id),
		sheet: await Promise.all(
			chosen.map(async (card) => {
				const verifyUrl = credentialUrl(locals.app.config.publicUrl, card.id);
				return { ...card, verifyUrl, qr: await credentialQrSvg(verifyUrl) };
			})
		)
	};
};
