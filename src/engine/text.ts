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
