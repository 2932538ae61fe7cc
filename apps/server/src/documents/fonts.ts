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
