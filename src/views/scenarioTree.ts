// The Scenarios view: the built-in stories grouped by theme, and the workspace's scenario files
// (an invalid one shows an error icon and the reason). Run and open are inline actions.
import * as vscode from 'vscode';
import type { Language } from '../engine/text';
import { builtinScenarios, type BuiltinScenario } from '../scenario/builtins';
import type { ScenarioFile, ScenarioFiles } from '../scenarioFiles/scenarioFiles';
import { diagramLanguage } from '../settings';

export type ScenarioNode =
  | { readonly kind: 'group'; readonly theme: string }
  | { readonly kind: 'files' }
  | { readonly kind: 'builtin'; readonly builtin: BuiltinScenario; readonly scenario: string }
  | { readonly kind: 'file'; readonly file: ScenarioFile; readonly uri: vscode.Uri };

/** Themes in the order of the notes; a built-in belongs to the theme its id starts with. */
const THEMES: readonly { readonly prefix: string; readonly name: Readonly<Record<Language, string>> }[] = [
  { prefix: 'clerk', name: { en: 'The shop clerk', ko: '가게 점원' } },
  { prefix: 'relay', name: { en: 'Relay and crashes', ko: '중계 서버와 장애' } },
  { prefix: 'login', name: { en: 'Login sessions', ko: '로그인 세션' } },
  { prefix: 'scaling', name: { en: 'Scaling out', ko: '스케일 아웃' } },
  { prefix: 'tcp', name: { en: 'TCP connections', ko: 'TCP 연결' } },
  { prefix: 'summary', name: { en: 'Summary', ko: '정리' } },
];

function themeOf(builtin: BuiltinScenario): string {
  return THEMES.find((theme) => builtin.id.startsWith(theme.prefix))?.prefix ?? 'summary';
}

export class ScenarioTree implements vscode.TreeDataProvider<ScenarioNode> {
  private readonly changeEmitter = new vscode.EventEmitter<ScenarioNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly files: ScenarioFiles) {
    files.onDidChange(() => { this.changeEmitter.fire(undefined); });
  }

  getChildren(node?: ScenarioNode): ScenarioNode[] {
    if (node === undefined) return [...THEMES.map((theme) => ({ kind: 'group' as const, theme: theme.prefix })), { kind: 'files' }];
    if (node.kind === 'group') return builtinScenarios().filter((builtin) => themeOf(builtin) === node.theme).map((builtin) => ({ kind: 'builtin', builtin, scenario: builtin.id }));
    if (node.kind === 'files') return this.files.all().map((file) => ({ kind: 'file', file, uri: file.uri }));
    return [];
  }

  getTreeItem(node: ScenarioNode): vscode.TreeItem {
    const language = diagramLanguage();
    switch (node.kind) {
      case 'group': {
        const theme = THEMES.find((candidate) => candidate.prefix === node.theme);
        const item = new vscode.TreeItem(theme?.name[language] ?? node.theme, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `group:${node.theme}`;
        return item;
      }
      case 'files': {
        const count = this.files.all().length;
        const item = new vscode.TreeItem(vscode.l10n.t('Workspace scenario files'), count > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.id = 'files';
        item.description = count === 0 ? vscode.l10n.t('none (*.protocol-lab.json or .yaml)') : String(count);
        return item;
      }
      case 'builtin': {
        const { scenario } = node.builtin;
        const item = new vscode.TreeItem(scenario.title[language]);
        item.id = `builtin:${node.builtin.id}`;
        item.description = vscode.l10n.t('story {0}', node.builtin.story);
        item.tooltip = new vscode.MarkdownString().appendText(scenario.description?.[language] ?? scenario.title[language]);
        item.iconPath = new vscode.ThemeIcon(scenario.state === 'server' ? 'database' : scenario.state === 'store' ? 'server' : 'arrow-swap');
        item.contextValue = 'builtin';
        item.command = { command: 'protocolLab.runScenario', title: vscode.l10n.t('Run'), arguments: [node.builtin.id] };
        return item;
      }
      case 'file': {
        const { parsed } = node.file;
        const item = new vscode.TreeItem(vscode.workspace.asRelativePath(node.uri));
        item.id = `file:${node.uri.toString()}`;
        item.resourceUri = node.uri;
        item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [node.uri] };
        if (parsed.ok) {
          item.description = parsed.scenario.title[language];
          item.iconPath = new vscode.ThemeIcon('file-code');
          item.contextValue = 'scenarioFile';
        } else {
          const reasons = parsed.issues.map((issue) => issue.message);
          item.description = reasons[0];
          item.tooltip = new vscode.MarkdownString().appendText(reasons.join('\n'));
          item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
          item.contextValue = 'invalidScenarioFile';
        }
        return item;
      }
    }
  }
}
