/** Word's units, from the theme's points and millimetres. */
export const twips = (pt: number): number => Math.round(pt * 20);
export const halfPoints = (pt: number): number => Math.round(pt * 2);
/** Border widths are in eighths of a point. */
export const eighths = (pt: number): number => Math.max(2, Math.round(pt * 8));
export const TWIPS_PER_MM = 1440 / 25.4;
export const hex = (colour: string): string => colour.replace('#', '').toUpperCase();
