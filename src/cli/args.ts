/** Minimal `--name value` / `--flag` parsing for the CLI; unknown options are an error. */
export function parseOptions(argv: string[], known: readonly string[]): Record<string, string | true> {
	const options: Record<string, string | true> = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (!arg.startsWith('--')) throw new Error(`Unexpected argument "${arg}".`);
		const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
		if (!known.includes(name)) throw new Error(`Unknown option --${name}. Known: ${known.map((k) => `--${k}`).join(', ')}.`);
		if (inline !== undefined) options[name] = inline;
		else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) options[name] = argv[++i]!;
		else options[name] = true;
	}
	return options;
}

export function requireOption(options: Record<string, string | true>, name: string): string {
	const value = options[name];
	if (typeof value !== 'string' || value.trim() === '') throw new Error(`Missing --${name} <value>.`);
	return value;
}
