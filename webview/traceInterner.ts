// A run's events repeat the same words thousands of times ("How much is this laptop?", its Korean,
// the lifelines' ids), and each arrives as a fresh copy. Keeping one copy of each string and of
// each { en, ko } text is what lets the page hold a 100,000-message run in a bounded heap.
import type { TraceEvent } from '../src/engine/trace';

/** Longer strings are rarely repeated (a body, a token): not worth a place in the table. */
const MAX_INTERNED_LENGTH = 200;

type Plain = Record<string, unknown>;

function isText(value: Plain): value is { en: string; ko: string } {
  const keys = Object.keys(value);
  return keys.length === 2 && typeof value['en'] === 'string' && typeof value['ko'] === 'string';
}

export class TraceInterner {
  private readonly strings = new Map<string, string>();
  private readonly texts = new Map<string, { readonly en: string; readonly ko: string }>();

  /** The event with its strings and texts replaced, in place, by the shared copies. */
  event(event: TraceEvent): TraceEvent {
    this.fill(event as unknown as Plain);
    return event;
  }

  private fill(object: Plain): void {
    for (const key of Object.keys(object)) object[key] = this.value(object[key]);
  }

  private value(value: unknown): unknown {
    if (typeof value === 'string') return this.string(value);
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) value[index] = this.value(value[index]);
      return value;
    }
    if (typeof value !== 'object' || value === null) return value;
    const plain = value as Plain;
    if (isText(plain)) return this.text(plain.en, plain.ko);
    this.fill(plain);
    return plain;
  }

  private string(text: string): string {
    if (text.length > MAX_INTERNED_LENGTH) return text;
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }

  private text(en: string, ko: string): { readonly en: string; readonly ko: string } {
    const key = `${en}\u0000${ko}`;
    const known = this.texts.get(key);
    if (known !== undefined) return known;
    const shared = Object.freeze({ en: this.string(en), ko: this.string(ko) });
    this.texts.set(key, shared);
    return shared;
  }
}
