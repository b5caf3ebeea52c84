// The manifest holds together: every command is titled, categorised and has an icon; menus,
// keybindings and the walkthrough name real commands and files; nothing activates on "*".
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths';

interface Manifest {
  readonly activationEvents: readonly string[];
  readonly capabilities?: Record<string, unknown>;
  readonly contributes: {
    readonly commands: readonly { command: string; title: string; category?: string; icon?: string }[];
    readonly menus: Readonly<Record<string, readonly { command: string; when?: string }[]>>;
    readonly keybindings: readonly { command: string; key: string; when?: string }[];
    readonly jsonValidation: readonly { fileMatch: string; url: string }[];
    readonly walkthroughs: readonly { steps: readonly { description: string; media: { markdown?: string } }[] }[];
    readonly viewsContainers: { activitybar: readonly { icon: string }[] };
  };
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync(join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const commands = new Set(manifest.contributes.commands.map((entry) => entry.command));

describe('the extension manifest', () => {
  it('never activates on "*" and declares workspace trust and virtual workspace support', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
    assert.ok(manifest.capabilities?.['untrustedWorkspaces']);
    assert.ok(manifest.capabilities['virtualWorkspaces']);
  });

  it('gives every command a title, the Protocol Lab category and an icon', () => {
    for (const entry of manifest.contributes.commands) {
      assert.match(entry.command, /^protocolLab\.[a-zA-Z]+$/);
      assert.equal(entry.category, '%category%', entry.command);
      assert.match(entry.icon ?? '', /^\$\([a-z-]+\)$/, entry.command);
      assert.ok(nls[entry.title.replace(/%/g, '')], `${entry.command} has no English title`);
    }
  });

  it('names only real commands in menus and keybindings, and keys work only while the lab has focus', () => {
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) assert.ok(commands.has(item.command), `${menu}: ${item.command}`);
    }
    for (const binding of manifest.contributes.keybindings) {
      assert.ok(commands.has(binding.command), binding.command);
      assert.equal(binding.when, "activeWebviewPanelId == 'protocolLab.lab'");
    }
  });

  it('ships what it points at: the schema, the walkthrough pages, the icons; the walkthrough links real commands', () => {
    for (const { url } of manifest.contributes.jsonValidation) assert.equal(url, './dist/scenario.schema.json');
    assert.ok(existsSync(join(REPO_ROOT, 'src', 'scenario', 'scenario.schema.json')));
    for (const { icon } of manifest.contributes.viewsContainers.activitybar) assert.ok(existsSync(join(REPO_ROOT, icon)), icon);
    const steps = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps);
    assert.ok(steps.length >= 5);
    for (const step of steps) {
      assert.ok(existsSync(join(REPO_ROOT, step.media.markdown ?? 'missing')), step.media.markdown);
      for (const text of [nls[step.description.replace(/%/g, '')] ?? '']) {
        for (const match of text.matchAll(/command:(protocolLab\.[a-zA-Z]+)/g)) assert.ok(commands.has(match[1] ?? ''), match[1]);
      }
    }
  });
});
