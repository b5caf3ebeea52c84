// Every label the engine produces comes in English and Korean.

export interface Text {
  readonly en: string;
  readonly ko: string;
}

export type Language = keyof Text;

export function say(en: string, ko: string): Text {
  return { en, ko };
}

/** The same words in both languages (names, data, numbers). */
export function same(text: string): Text {
  return { en: text, ko: text };
}
