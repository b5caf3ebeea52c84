// Drawn segments kept as SVG text, keyed by their Mermaid text: putting a segment back on the page
// (scrolled to, scrubbed to, exported) costs an HTML parse instead of a Mermaid render. Bounded by
// characters, the least recently used dropped first.
export class SvgCache {
  private readonly entries = new Map<string, string>();
  private characters = 0;

  constructor(private readonly maxCharacters: number) {}

  get(mermaid: string): string | undefined {
    const svg = this.entries.get(mermaid);
    if (svg === undefined) return undefined;
    // Map order is the order of use: move it to the end.
    this.entries.delete(mermaid);
    this.entries.set(mermaid, svg);
    return svg;
  }

  has(mermaid: string): boolean {
    return this.entries.has(mermaid);
  }

  /** True while there is room for more without dropping anything. */
  get roomy(): boolean {
    return this.characters < this.maxCharacters;
  }

  put(mermaid: string, svg: string): void {
    const old = this.entries.get(mermaid);
    if (old !== undefined) {
      this.characters -= old.length;
      this.entries.delete(mermaid);
    }
    this.entries.set(mermaid, svg);
    this.characters += svg.length;
    for (const [key, value] of this.entries) {
      if (this.characters <= this.maxCharacters || key === mermaid) break;
      this.entries.delete(key);
      this.characters -= value.length;
    }
  }

  drop(mermaid: string): void {
    const svg = this.entries.get(mermaid);
    if (svg === undefined) return;
    this.entries.delete(mermaid);
    this.characters -= svg.length;
  }

  clear(): void {
    this.entries.clear();
    this.characters = 0;
  }
}
