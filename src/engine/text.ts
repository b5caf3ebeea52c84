// Every label the engine produces comes in English and Korean.

export interface Text {
  readonly en: string;
  readonly ko: string;
}

export type Language = keyof Text;

export function say(en: string, ko: string): Text {
  return { en, ko };
}

/** At most `max` characters, the rest said with "…": a diagram of a valid file must stay within what Mermaid draws. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  // Never end inside a surrogate pair (an emoji cut in half).
  const last = cut.charCodeAt(cut.length - 1);
  return `${last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut}…`;
}

/** A text's length as a person counts it, and as every length rule does (ajv's maxLength too): code points, an emoji or a Hangul syllable is one. */
export function codePoints(text: string): number {
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    length++;
  }
  return length;
}

/** The same words in both languages (names, data, numbers). */
export function same(text: string): Text {
  return { en: text, ko: text };
}

/**
 * Words built on first read and then kept. Protocols label every message, and in long runs
 * nobody reads most labels: building the strings up front was 40% of a streamed run.
 */
class LazyText implements Text {
  private built: Text | undefined;

  constructor(private readonly build: () => Text) {}

  get en(): string {
    this.built ??= this.build();
    return this.built.en;
  }

  get ko(): string {
    this.built ??= this.build();
    return this.built.ko;
  }

  toJSON(): Text {
    return { en: this.en, ko: this.ko };
  }
}

export function lazy(build: () => Text): Text {
  return new LazyText(build);
}
