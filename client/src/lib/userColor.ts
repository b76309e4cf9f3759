/** Caret colours dark enough for white label text (WCAG AA), one per person, stable across sessions. */
const PALETTE = ['#b3261e', '#1b6e3a', '#0b57d0', '#7a4bb7', '#a3470b', '#006a6a', '#8c1d6f', '#4d5b00'];

export function userColor(userId: string): string {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}
