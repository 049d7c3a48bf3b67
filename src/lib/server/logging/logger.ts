import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stdout. Secrets are redacted by path wherever they could appear, so a
 * careless `logger.info({ body })` does not leak a password or a token.
 */
export function createLogger(level: string): Logger {
	return pino({
		level,
		base: undefined,
		redact: {
			paths: [
				'password',
				'*.password',
				'*.newPassword',
				'*.currentPassword',
				'token',
				'*.token',
				'authorization',
				'*.authorization',
				'*.headers.authorization',
				'*.headers.cookie',
				'secret',
				'*.secret'
			],
			censor: '[redacted]'
		}
	});
}
