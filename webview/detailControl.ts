// The toolbar's Detail list: every hop, requests (the relay folded into a note), or the story (a
// handshake or a login as one line, opened with a click). Notes and copies of the run follow it.
import * as l10n from '@vscode/l10n';
import { DETAIL_LEVELS, isOneOf, type DetailLevel } from '../src/engine/model';
import { labelled } from './actionControls';

export class DetailControl {
  private readonly list = document.createElement('select');

  constructor(root: HTMLElement, choose: (level: DetailLevel) => void) {
    const words: Readonly<Record<DetailLevel, readonly [string, string]>> = {
      hop: [l10n.t('Every hop'), l10n.t('Every hop: client → relay → server')],
      request: [l10n.t('Each request'), l10n.t('Requests: the relay folded into a note on each arrow')],
      story: [l10n.t('Story'), l10n.t('Story: a handshake or a login as one line (click it to open)')],
    };
    this.list.className = 'detail-level';
    this.list.title = l10n.t('How much the diagram draws; notes and copies of this run follow it');
    this.list.replaceChildren(...DETAIL_LEVELS.map((level) => {
      const option = new Option(words[level][0], level);
      option.title = words[level][1];
      return option;
    }));
    // The pane's shortcuts (Space, →, R…) belong to the run; on the list, keys work the list.
    this.list.addEventListener('keydown', (event) => { event.stopPropagation(); });
    this.list.addEventListener('change', () => {
      const level = this.list.value;
      if (isOneOf(DETAIL_LEVELS, level)) choose(level);
    });
    const label = labelled(l10n.t('Detail'), this.list);
    label.classList.add('detail-label');
    root.prepend(label);
  }

  show(level: DetailLevel): void {
    this.list.value = level;
  }
}
