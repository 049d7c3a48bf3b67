/** Every secret the Open Badges API hands out starts with this (client secrets, codes, tokens). */
export const OB3_TOKEN_PREFIX = 'col_ob3';
