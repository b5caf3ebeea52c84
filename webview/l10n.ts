// The page's words: English in the code, Korean (or another language) from the bundle the host
// put into the page (VS Code's l10n bundle for the display language), read before anything is drawn.
import * as vscodeL10n from '@vscode/l10n';

export function loadTranslations(): void {
  const embedded = document.getElementById('l10n-bundle')?.textContent ?? '';
  if (embedded.trim() === '' || embedded.trim() === 'null') return;
  try {
    vscodeL10n.config({ contents: JSON.parse(embedded) as Record<string, string> });
  } catch (error) {
    console.warn(`[protocol-lab] ignored a translation bundle that is not JSON: ${String(error)}`);
  }
}
