// The inspector folds away when the panel is narrow (VS Code 1.139 opens Chat beside the editor,
// leaving ~730 px), so the diagram keeps its room; a toolbar toggle opens or folds it by hand.
import * as l10n from '@vscode/l10n';

/** Below this panel width the inspector starts folded. */
const FOLD_BELOW_PX = 900;

export class InspectorFold {
  /** What the person chose with the toggle; undefined follows the panel's width. */
  private chosen: boolean | undefined;
  private readonly button: HTMLButtonElement;
  private readonly narrow = window.matchMedia(`(max-width: ${FOLD_BELOW_PX - 1}px)`);

  constructor(private readonly inspector: HTMLElement, toolbar: HTMLElement) {
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.className = 'inspector-toggle';
    this.button.textContent = l10n.t('State');
    this.button.title = l10n.t('Show or hide the state inspector and metrics');
    this.button.setAttribute('aria-controls', inspector.id);
    this.button.addEventListener('click', () => {
      this.chosen = !this.open;
      this.apply();
    });
    toolbar.append(this.button);
    this.narrow.addEventListener('change', () => { this.apply(); });
    this.apply();
  }

  get open(): boolean {
    return this.chosen ?? !this.narrow.matches;
  }

  private apply(): void {
    this.inspector.classList.toggle('folded', !this.open);
    this.button.setAttribute('aria-expanded', String(this.open));
  }
}
