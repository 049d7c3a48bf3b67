import type { PageServerLoad } from './$types';
import { verifyEmail } from '$lib/server/accounts/service';
import { AppError } from '$lib/server/http/errors';
import { translateError } from '$lib/server/forms/messages';

/** The link in the verification e-mail lands here; opening it verifies the address. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const token = url.searchParams.get('token');
	if (!token) return { verified: false, message: translateError(new AppError('invalid_token', '')) };
	try {
		await verifyEmail(locals.app, token);
		return { verified: true, message: null };
	} catch (error) {
		if (error instanceof AppError) return { verified: false, message: translateError(error) };
		throw error;
	}
};
