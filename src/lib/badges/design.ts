/** The generated badge image's choices, shared by the server and the badge designer's pages. */
export const BADGE_COLOURS = ['plum', 'red', 'orange', 'green', 'teal', 'blue', 'indigo', 'slate'] as const;
export type BadgeColour = (typeof BADGE_COLOURS)[number];
export const BADGE_ICONS = ['star', 'leaf', 'book', 'bulb', 'heart', 'gear', 'globe'] as const;
export type BadgeIcon = (typeof BADGE_ICONS)[number];
