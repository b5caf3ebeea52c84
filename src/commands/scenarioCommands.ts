// Choosing a built-in scenario: a quick pick grouped by the story it tells.
import * as vscode from 'vscode';
import { builtinScenarios } from '../scenario/builtins';
import { diagramLanguage } from '../settings';

export async function pickScenario(): Promise<string | undefined> {
  const language = diagramLanguage();
  type Item = vscode.QuickPickItem & { readonly id?: string };
  const items: Item[] = [];
  let story = -1;
  for (const builtin of builtinScenarios()) {
    if (builtin.story !== story) {
      story = builtin.story;
      items.push({ label: vscode.l10n.t('Story {0}', story), kind: vscode.QuickPickItemKind.Separator });
    }
    items.push({ label: builtin.scenario.title[language], description: builtin.id, id: builtin.id });
  }
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Run a scenario'), placeHolder: vscode.l10n.t('Pick a story to play in the lab'), matchOnDescription: true });
  return picked?.id;
}
