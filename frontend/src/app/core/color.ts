/** Colour helpers for firm branding (WCAG 2.x relative luminance and contrast). */

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** Parses `#rgb` or `#rrggbb`; returns null for anything else. */
export function parseHexColor(value: string | null | undefined): Rgb | null {
  if (!value) return null;
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!match) return null;
  let hex = match[1];
  if (hex.length === 3) {
    hex = hex
      .split('')
      .map((c) => c + c)
      .join('');
  }
  return {
    r: parseInt(hex.slice(0, 2), 16),
    g: parseInt(hex.slice(2, 4), 16),
    b: parseInt(hex.slice(4, 6), 16),
  };
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance({ r, g, b }: Rgb): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

const WHITE: Rgb = { r: 255, g: 255, b: 255 };
const BLACK: Rgb = { r: 0, g: 0, b: 0 };

/** Black or white, whichever has the higher contrast on `background`. */
export function readableTextColor(background: Rgb): '#ffffff' | '#000000' {
  return contrastRatio(background, WHITE) >= contrastRatio(background, BLACK) ? '#ffffff' : '#000000';
}

/** Whether `color` is dark enough to be used as text/outline on a white surface (WCAG AA, 4.5:1). */
export function readableOnWhite(color: Rgb): boolean {
  return contrastRatio(color, WHITE) >= 4.5;
}

/**
 * The colour itself when it is legible on white (4.5:1), otherwise the same hue
 * darkened (mixed with black) until it is: for icons, links and active states.
 */
export function legibleOnWhite(color: Rgb): Rgb {
  let current = color;
  for (let step = 1; step <= 20 && !readableOnWhite(current); step++) {
    const keep = 1 - step * 0.05;
    current = { r: Math.round(color.r * keep), g: Math.round(color.g * keep), b: Math.round(color.b * keep) };
  }
  return current;
}

export function toHex({ r, g, b }: Rgb): string {
  return '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
}
