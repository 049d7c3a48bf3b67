/**
 * A small seeded generator (mulberry32) for demo data: the same seed gives the same data on every
 * run, so seeded cities can be compared and demo tests can check exact figures. Not for secrets.
 */
export function seededRandom(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
	return {
		next,
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
		sample: <T>(list: readonly T[], share: number) => list.filter(() => next() < share)
	};
}

export type SeededRandom = ReturnType<typeof seededRandom>;
