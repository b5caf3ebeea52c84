// The architectures side by side: one column each, in one scroller (so they scroll together), each
// diagram at its drawn size, and a band across each column where the architectures part.
import * as l10n from '@vscode/l10n';
import type { ComparedColumn, ShowComparisonMessage } from '../src/protocol/compareMessages';
import type { DiagramRenderer } from './diagramRenderer';

function textElement(tag: string, text: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

/** The summary table, cell by cell as text (the Markdown table is what a note gets). */
function summaryTable(message: ShowComparisonMessage): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'compare-table';
  const head = table.createTHead().insertRow();
  for (const cell of message.header) head.append(textElement('th', cell));
  const body = table.createTBody();
  for (const cells of message.rows) {
    const row = body.insertRow();
    cells.forEach((cell, index) => {
      const node = textElement(index === 0 ? 'th' : 'td', cell);
      if (index === 0) node.setAttribute('scope', 'row');
      row.append(node);
    });
  }
  return table;
}

export class CompareColumns {
  private message: ShowComparisonMessage | undefined;
  private drawing = 0;
  /** 1 at the drawn size; below 1 while the columns are fitted to the width (a choice, never the default). */
  private scale = 1;

  constructor(private readonly root: HTMLElement, private readonly renderer: DiagramRenderer, private readonly report: (error: string) => void) {}

  /** Draws the comparison: the table, then the columns; resolves when every diagram is drawn and the parting marked. */
  async show(message: ShowComparisonMessage): Promise<void> {
    this.message = message;
    const drawing = ++this.drawing;
    const grid = document.createElement('div');
    grid.className = 'compare-grid';
    grid.style.setProperty('--columns', String(message.columns.length));
    const columns = message.columns.map((column) => this.column(column, message.partsAt));
    grid.append(...columns.map(([element]) => element));
    const intro = message.description === '' ? [] : [textElement('p', message.description, 'compare-description')];
    const parting = message.partsAt === 0
      ? textElement('p', l10n.t('The architectures never part in this story: every request ends the same way.'), 'compare-parting')
      : textElement('p', l10n.t('They part at request {0}; a band marks it in each column.', message.partsAt), 'compare-parting');
    this.root.replaceChildren(...intro, summaryTable(message), parting, grid);
    for (const [element, column] of columns.map(([holder], index) => [holder, message.columns[index]] as const)) {
      if (column === undefined) continue;
      const diagrams = element.querySelector('.compare-diagrams');
      for (const text of column.diagrams) {
        const outcome = await this.renderer.render(text);
        // A newer comparison (or a theme change) started drawing meanwhile: this one is no longer shown.
        if (drawing !== this.drawing) return;
        const holder = document.createElement('div');
        holder.className = 'compare-svg';
        if (outcome.kind === 'failed') {
          holder.textContent = l10n.t('The diagram could not be drawn: {0}', outcome.error);
          holder.classList.add('error');
          this.report(outcome.error);
        } else {
          // Mermaid's own output under securityLevel 'strict' (labels escaped, no scripts), as the lab draws it.
          holder.innerHTML = outcome.svg;
          const svg = holder.querySelector('svg');
          // At its drawn size: text is never shrunk to fit; the page scrolls sideways instead.
          if (svg !== null && svg.viewBox.baseVal.width > 0) {
            svg.style.maxWidth = 'none';
            svg.setAttribute('width', String(svg.viewBox.baseVal.width));
          }
        }
        diagrams?.append(holder);
      }
    }
    this.markParting();
    this.applyScale();
    this.report('');
  }

  /** Fits every column into the width, or goes back to the drawn size; true when fitted. */
  toggleFit(): boolean {
    const grid = this.root.querySelector<HTMLElement>('.compare-grid');
    if (grid === null) return false;
    // Measured at the drawn size (fitting always starts from it); the scroller's padding stays free.
    this.scale = this.scale < 1 ? 1 : Math.min(1, (this.root.clientWidth - 32) / grid.scrollWidth);
    this.applyScale();
    return this.scale < 1;
  }

  private applyScale(): void {
    const grid = this.root.querySelector<HTMLElement>('.compare-grid');
    grid?.style.setProperty('zoom', String(this.scale));
  }

  /** Draws again (VS Code switched between light and dark). */
  async redraw(): Promise<void> {
    if (this.message !== undefined) await this.show(this.message);
  }

  /** Scrolls to where the architectures part, if they do. */
  goToParting(): void {
    const band = this.root.querySelector<HTMLElement>('.parts-here');
    band?.scrollIntoView({ block: 'center', inline: 'nearest' });
    band?.focus();
  }

  private column(column: ComparedColumn, partsAt: number): [HTMLElement, ComparedColumn] {
    const element = document.createElement('section');
    element.className = 'compare-column';
    element.dataset['arrowsBefore'] = String(column.arrowsBefore);
    element.dataset['outcome'] = partsAt === 0 ? '' : l10n.t('Request {0}: {1}', partsAt, column.outcome);
    const heading = document.createElement('div');
    heading.className = 'compare-heading';
    heading.append(textElement('h2', column.heading), textElement('p', column.how, 'compare-how'));
    const diagrams = document.createElement('div');
    diagrams.className = 'compare-diagrams';
    element.append(heading, diagrams);
    return [element, column];
  }

  /** A band over the first arrow of the request where they part, in every column, saying what became of it there. */
  private markParting(): void {
    for (const column of this.root.querySelectorAll<HTMLElement>('.compare-column')) {
      const before = Number(column.dataset['arrowsBefore']);
      if (!(before >= 0)) continue;
      const diagrams = column.querySelector<HTMLElement>('.compare-diagrams');
      // Mermaid draws one line per arrow (messageLine0 solid, messageLine1 dashed), in the diagram's order.
      const arrows = diagrams === null ? [] : [...diagrams.querySelectorAll('.messageLine0, .messageLine1')];
      const arrow = arrows[before];
      if (diagrams === null || arrow === undefined) continue;
      const line = arrow.getBoundingClientRect();
      const above = arrows[before - 1]?.getBoundingClientRect().bottom ?? Number.NEGATIVE_INFINITY;
      // The arrow's label: the message text between the arrow before it and this one (one element per line of the label).
      const label = [...diagrams.querySelectorAll('.messageText')].map((text) => text.getBoundingClientRect()).filter((box) => box.top >= above && box.bottom <= line.top + 2);
      const top = Math.min(line.top, ...label.map((box) => box.top));
      const origin = diagrams.getBoundingClientRect();
      const band = textElement('div', `⚑ ${column.dataset['outcome'] ?? ''}`, 'parts-here');
      band.tabIndex = -1;
      // Measured on screen (scaled when fitted); set inside the scaled grid, so in drawn pixels.
      band.style.top = `${Math.max(0, (top - origin.top) / this.scale - 20)}px`;
      band.style.height = `${(line.bottom - top) / this.scale + 26}px`;
      diagrams.append(band);
    }
  }
}
