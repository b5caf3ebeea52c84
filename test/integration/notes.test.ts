// Notes, copies and exports inside a real VS Code: one undoable edit, nothing overwritten,
// unsaved changes kept, read-only files refused, Mermaid on the clipboard, an SVG on disk.
import * as assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ProtocolLabApi } from '../../src/extension';

const EXTENSION_ID = 'protocol-lab.protocol-lab';
const ORIGINAL = '# My notes\n\nBefore the diagram.\nAfter the diagram.\n';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with a workspace folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function writeNote(name: string, text = ORIGINAL): Promise<vscode.TextDocument> {
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return vscode.workspace.openTextDocument(uri);
}

async function onDisk(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Runs a command until it says it did something: the story plays live, so the picture comes after a moment. */
async function untilDone(command: string, args?: unknown): Promise<string | undefined> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const said = await vscode.commands.executeCommand<string | undefined>(command, args);
    if (said !== undefined || Date.now() > deadline) return said;
    await new Promise((resolveWait) => setTimeout(resolveWait, 500));
  }
}

function mermaidBlocks(text: string): number {
  return text.split('\n').filter((line) => line === '```mermaid').length;
}

describe('notes, copies and exports inside VS Code', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension<ProtocolLabApi>(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
  });
  afterEach(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  it('inserts at the cursor of a Markdown editor as one edit that a single undo takes back', async () => {
    const document = await writeNote('cursor.md');
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(2, 19, 2, 19); // end of "Before the diagram."
    const said = await vscode.commands.executeCommand<string | undefined>('protocolLab.insertIntoNote', { scenario: 'login-stateful', target: 'cursor' });
    assert.match(said ?? '', /Inserted the diagram into cursor\.md/);
    const text = document.getText();
    assert.equal(mermaidBlocks(text), 1);
    // Front matter belongs at the top of a file: a note with text gets the block without it.
    assert.ok(text.startsWith('# My notes\n\nBefore the diagram.\n\n## Login on a stateful server\n'), text.slice(0, 80));
    assert.doesNotMatch(text, /^tags:/m);
    assert.ok(text.endsWith('\n\nAfter the diagram.\n'), text.slice(-80));
    assert.match(text, /Login Request/);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), ORIGINAL);
  });

  it('keeps the selected text: the block goes after the selection, never over it', async () => {
    const document = await writeNote('selection.md');
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(2, 0, 3, 18); // both sentences
    await vscode.commands.executeCommand('protocolLab.insertIntoNote', { scenario: 'clerk-changes-stateful', target: 'cursor' });
    const text = document.getText();
    assert.ok(text.startsWith(ORIGINAL.trimEnd()), 'the selected lines are still there, in place');
    assert.equal(mermaidBlocks(text), 1);
  });

  it('appends to a file with unsaved changes without saving or losing them', async () => {
    const document = await writeNote('append.md');
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => { edit.insert(new vscode.Position(4, 0), 'Typed but not saved.\n'); });
    assert.ok(document.isDirty);
    const said = await vscode.commands.executeCommand<string | undefined>('protocolLab.insertIntoNote', { scenario: 'clerk-stateless', target: 'file', uri: document.uri });
    assert.match(said ?? '', /Appended the diagram to append\.md; it had unsaved changes/);
    const text = document.getText();
    assert.ok(text.startsWith(`${ORIGINAL}Typed but not saved.\n\n`), text.slice(0, 120));
    assert.equal(mermaidBlocks(text), 1);
    assert.ok(document.isDirty, 'still unsaved: saving is left to the person');
    assert.equal(await onDisk(document.uri), ORIGINAL);
  });

  it('appends to a saved file and saves it', async () => {
    const document = await writeNote('saved.md');
    const said = await vscode.commands.executeCommand<string | undefined>('protocolLab.insertIntoNote', { scenario: 'clerk-stateless', target: 'file', uri: document.uri });
    assert.match(said ?? '', /Appended the diagram to saved\.md\./);
    const disk = await onDisk(document.uri);
    assert.ok(disk.startsWith(ORIGINAL), disk.slice(0, 80));
    assert.equal(mermaidBlocks(disk), 1);
  });

  it('refuses a read-only file with a clear message and leaves it as it was', async () => {
    const document = await writeNote('locked.md');
    chmodSync(document.uri.fsPath, 0o444);
    const said = await vscode.commands.executeCommand<string | undefined>('protocolLab.insertIntoNote', { scenario: 'clerk-stateless', target: 'file', uri: document.uri });
    assert.equal(said, undefined);
    assert.equal(await onDisk(document.uri), ORIGINAL);
    assert.equal(document.getText(), ORIGINAL);
  });

  it('opens a new untitled note holding the block, front matter first', async () => {
    await vscode.commands.executeCommand('protocolLab.insertIntoNote', { scenario: 'login-stateful', target: 'untitled' });
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.isUntitled, true);
    assert.equal(editor.document.languageId, 'markdown');
    assert.match(editor.document.getText(), /^---\ntags: \[ProtocolLab, /);
    assert.equal(mermaidBlocks(editor.document.getText()), 1);
  });

  it('refuses bad arguments with a clear message and changes nothing', async () => {
    // A note goes into a Markdown file only, never into a script or a config named by a caller.
    const script = workspaceFile('not-a-note.sh');
    await vscode.workspace.fs.writeFile(script, new TextEncoder().encode('echo hi\n'));
    assert.equal(await vscode.commands.executeCommand('protocolLab.insertIntoNote', { scenario: 'login-stateful', target: 'file', uri: script }), undefined);
    assert.equal(await onDisk(script), 'echo hi\n');
    const document = await writeNote('bad.md');
    await vscode.window.showTextDocument(document);
    const said = await vscode.commands.executeCommand<string | undefined>('protocolLab.insertIntoNote', { scenario: 'no-such-story', target: 'cursor' });
    assert.equal(said, undefined);
    assert.equal(document.getText(), ORIGINAL);
    assert.equal(await vscode.commands.executeCommand('protocolLab.insertIntoNote', { scenario: 'login-stateful', target: 'sideways' }), undefined);
    assert.equal(document.getText(), ORIGINAL);
  });

  it('copies the Mermaid of a run to the clipboard', async () => {
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('protocolLab.copyMermaid', { scenario: 'login-stateful' });
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /^sequenceDiagram\n/);
    assert.match(copied, /Login Request/);
  });

  it('copies the Mermaid at the detail the setting chooses: the relay folded into notes, a login as one line', async () => {
    const settings = vscode.workspace.getConfiguration('protocolLab');
    try {
      await settings.update('diagramDetail', 'request', vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('protocolLab.copyMermaid', { scenario: 'scaling-sticky-sessions' });
      const request = await vscode.env.clipboard.readText();
      assert.doesNotMatch(request, /participant relay/);
      assert.match(request, /Note over c1,s1: Relay: first request: pin/);
      await settings.update('diagramDetail', 'story', vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('protocolLab.copyMermaid', { scenario: 'login-cookie-session' });
      assert.match(await vscode.env.clipboard.readText(), /c1->>s1: Login ↔ Response<br\/>Set-Cookie: SID=/);
    } finally {
      await settings.update('diagramDetail', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('exports the diagram the lab draws as an SVG file', async () => {
    await vscode.commands.executeCommand('protocolLab.runScenario', 'login-stateful');
    const uri = workspaceFile('exported.svg');
    // A relative path is taken in the workspace folder (not in the file system's root). The story
    // plays live: export again until its first message is drawn.
    const deadline = Date.now() + 30_000;
    let svg = '';
    while (!svg.includes('Login Request') && Date.now() < deadline) {
      await untilDone('protocolLab.exportSvg', { uri: 'exported.svg', overwrite: true });
      svg = await onDisk(uri);
      if (!svg.includes('Login Request')) await new Promise((resolveWait) => setTimeout(resolveWait, 500));
    }
    assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
    assert.match(svg, /Login Request/);
    assert.ok(!/<script/i.test(svg));
  });

  it('exports the drawn diagram as a PNG at twice its size, and saves a note\'s diagrams as PNGs beside it when asked', async () => {
    await vscode.commands.executeCommand('protocolLab.runScenario', 'login-stateful');
    const uri = workspaceFile('exported.png');
    await untilDone('protocolLab.exportPng', { uri, overwrite: true });
    const png = await vscode.workspace.fs.readFile(uri);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
    const width = new DataView(png.buffer, png.byteOffset).getUint32(16);
    assert.ok(width > 800, `twice the drawn width (${width} px)`);

    const settings = vscode.workspace.getConfiguration('protocolLab');
    await settings.update('notes.saveImages', true, vscode.ConfigurationTarget.Global);
    try {
      // The first story: its state notes hold no-break spaces (which Mermaid writes as `&nbsp;`); a
      // note whose name has a `#`, which would start a fragment in the link.
      const note = workspaceFile('C# notes.md');
      await vscode.workspace.fs.writeFile(note, new TextEncoder().encode(ORIGINAL));
      // A picture already named as the first would be is kept: the new one takes the next name.
      const taken = workspaceFile('C- notes.one-clerk-remembers-the-purchase-stateful-1.png');
      await vscode.workspace.fs.writeFile(taken, new TextEncoder().encode('not mine'));
      await vscode.commands.executeCommand('protocolLab.insertIntoNote', { scenario: 'clerk-stateful', target: 'file', uri: note });
      const text = await onDisk(note);
      assert.match(text, /```\n\n!\[[^\]]+\]\(C-%20notes\.one-clerk-remembers-the-purchase-stateful-2\.png\)/);
      assert.equal(await onDisk(taken), 'not mine');
      const saved = await vscode.workspace.fs.readFile(workspaceFile('C- notes.one-clerk-remembers-the-purchase-stateful-2.png'));
      assert.deepEqual([...saved.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    } finally {
      await settings.update('notes.saveImages', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('copies the drawn diagram to the clipboard as an image from the palette', async () => {
    await vscode.commands.executeCommand('protocolLab.runScenario', 'login-stateful');
    // The page writes the picture (the browser running VS Code allows the clipboard, as a person's does).
    assert.equal(await untilDone('protocolLab.copyImage'), 'Copied the diagram as an image.');
  });
});
