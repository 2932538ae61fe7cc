import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Noto Sans JP from its registry package: one font for Latin and Japanese,
 * so a customer's 山田商事 prints as well as "Acme Ltd". pdfkit embeds only
 * the glyphs a document uses.
 */
export const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf'),
} as const;

export type FontName = keyof typeof FONT_FILES;

let loaded: Record<FontName, Buffer> | undefined;

/**
 * The font files' bytes, read on first use and kept: a render worker reads
 * the (several MB) files once, not once per PDF.
 */
export function fontData(): Record<FontName, Buffer> {
  loaded ??= {
    regular: readFileSync(FONT_FILES.regular),
    bold: readFileSync(FONT_FILES.bold),
  };
  return loaded;
}
