import type { AppContext } from '$lib/server/app/context';
import type { Actor } from '$lib/server/auth/actor';
import type { Logger } from '$lib/server/logging/logger';
import type { Locale } from '$lib/i18n/locales';

declare global {
	namespace App {
		interface Locals {
			app: AppContext;
			actor: Actor;
			logger: Logger;
			requestId: string;
			locale: Locale;
			/** Where a form on this page may send the browser besides this site (the consent page's app). */
			formActionOrigins?: string[];
		}
		interface Error {
			message: string;
			code?: string;
			requestId?: string;
		}
	}
}

export {};
