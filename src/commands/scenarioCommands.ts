// Choosing and running a scenario: a built-in (quick pick grouped by story) or a workspace file.
import * as vscode from 'vscode';
import type { LabPanel } from '../panel/labPanel';
import { builtinScenario, builtinScenarios } from '../scenario/builtins';
import { formatPath } from '../scenario/scenario';
import type { ScenarioFiles } from '../scenarioFiles/scenarioFiles';
import { diagramLanguage } from '../settings';
import { uriOf } from './commandArgs';
import { CommandRefused, type CommandAction } from './guardedCommand';

export async function pickScenario(files?: ScenarioFiles): Promise<string | vscode.Uri | undefined> {
  const language = diagramLanguage();
  type Item = vscode.QuickPickItem & { readonly id?: string; readonly uri?: vscode.Uri };
  const items: Item[] = [];
  let story = -1;
  for (const builtin of builtinScenarios()) {
    if (builtin.story !== story) {
      story = builtin.story;
      items.push({ label: vscode.l10n.t('Story {0}', story), kind: vscode.QuickPickItemKind.Separator });
    }
    items.push({ label: builtin.scenario.title[language], description: builtin.id, id: builtin.id });
  }
  const valid = (files?.all() ?? []).filter((file) => file.parsed.ok);
  if (valid.length > 0) items.push({ label: vscode.l10n.t('Workspace files'), kind: vscode.QuickPickItemKind.Separator });
  for (const file of valid) {
    items.push({ label: file.parsed.ok ? file.parsed.scenario.title[language] : '', description: vscode.workspace.asRelativePath(file.uri), uri: file.uri });
  }
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Run a scenario'), placeHolder: vscode.l10n.t('Pick a story to play in the lab'), matchOnDescription: true });
  return picked?.id ?? picked?.uri;
}

/** What runScenario was given: an id, a tree node ({ scenario } or { uri }), or a file's Uri. */
function targetOf(value: unknown): string | vscode.Uri | undefined {
  if (value === undefined || typeof value === 'string') return value;
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  if (typeof record['scenario'] === 'string') return record['scenario'];
  const uri = uriOf(value) ?? uriOf(record['uri']);
  if (uri !== undefined) return uri;
  throw new CommandRefused(vscode.l10n.t('Run Scenario takes a scenario id or a scenario file.'));
}

export function runScenarioCommand(lab: LabPanel, files: ScenarioFiles): CommandAction {
  return async (args) => {
    const target = targetOf(args) ?? await pickScenario(files);
    if (target === undefined) return undefined;
    if (typeof target === 'string') {
      if (builtinScenario(target) === undefined) throw new CommandRefused(vscode.l10n.t('There is no built-in scenario "{0}".', target));
      lab.open(target);
      return undefined;
    }
    const file = await files.load(target);
    if (!file.parsed.ok) {
      const [first] = file.parsed.issues;
      const where = first !== undefined && first.path.length > 0 ? `${formatPath(first.path)}: ` : '';
      throw new CommandRefused(vscode.l10n.t('{0} is not a valid scenario: {1}', vscode.workspace.asRelativePath(target), `${where}${first?.message ?? ''}`));
    }
    lab.playScenario(file.parsed.scenario, target.toString());
    return undefined;
  };
}
