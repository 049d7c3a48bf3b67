/**
 * How far a learner is along a playlist, from which of its activities they hold a credential for.
 * Pure, so that the rules are tested without a database.
 */
export interface PlaylistRules {
	ordered: boolean;
	/** Complete this many items, every required one among them; null means all items. */
	requiredCount: number | null;
}

export interface ProgressItem {
	activityId: string;
	required: boolean;
	done: boolean;
	/** In an ordered playlist, an item opens once every required item before it is done. */
	locked: boolean;
}

export interface Progress {
	completed: number;
	/** How many items complete the playlist. */
	needed: number;
	total: number;
	met: boolean;
	items: ProgressItem[];
	/** The first item still to do that is open; null when the playlist is complete. */
	next: string | null;
}

export function neededCount(rules: PlaylistRules, items: { required: boolean }[]): number {
	return rules.requiredCount ?? items.length;
}

export function playlistProgress(rules: PlaylistRules, items: { activityId: string; required: boolean }[], done: ReadonlySet<string>): Progress {
	let open = true;
	const progress = items.map((item) => {
		const isDone = done.has(item.activityId);
		const entry = { activityId: item.activityId, required: item.required, done: isDone, locked: rules.ordered && !open && !isDone };
		// Optional items can be skipped: only a required one holds back what follows.
		if (!isDone && item.required) open = false;
		return entry;
	});
	const completed = progress.filter((item) => item.done).length;
	const needed = neededCount(rules, items);
	const met = items.length > 0 && completed >= needed && progress.every((item) => item.done || !item.required);
	const next = met ? null : (progress.find((item) => !item.done && !item.locked && item.required) ?? progress.find((item) => !item.done && !item.locked))?.activityId ?? null;
	return { completed, needed, total: items.length, met, items: progress, next };
}

/** Why a set of rules cannot work; empty when it can. */
export function rulesProblems(rules: PlaylistRules, items: { required: boolean }[]): { path: string; code: string; message: string }[] {
	const required = items.filter((item) => item.required).length;
	if (rules.requiredCount === null) return [];
	if (rules.requiredCount > items.length) {
		return [{ path: 'requiredCount', code: 'required_count', message: `A learner cannot complete ${rules.requiredCount} of ${items.length} items.` }];
	}
	if (rules.requiredCount < required) {
		return [{ path: 'requiredCount', code: 'required_count', message: `${required} items are required, so at least ${required} must be completed.` }];
	}
	return [];
}
