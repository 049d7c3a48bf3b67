/**
 * Small counts of people can point at a person ("the one learner aged 30+ who needs sign language"), so
 * published and inclusion figures hide any count from 1 to 4. Zero is shown: it describes no one.
 */
export const SUPPRESSION_THRESHOLD = 5;

export interface Cell {
	value: number | null;
	suppressed: boolean;
}

export function suppress(count: number): Cell {
	return count > 0 && count < SUPPRESSION_THRESHOLD ? { value: null, suppressed: true } : { value: count, suppressed: false };
}

/** A rate is shown only when both of its counts could be. */
export function suppressedRate(part: number, whole: number): number | null {
	if (whole === 0 || suppress(part).suppressed || suppress(whole).suppressed) return null;
	return Math.round((part / whole) * 1000) / 10;
}
