// The extension host never parses a scenario file: a check that overruns its budget gets its
// one-line problem, the checks queued behind it are answered by a fresh worker, and without a
// worker a file gets a problem rather than a check on the host.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedScenario } from '../../../src/scenario/parse';
import { ScenarioChecker } from '../../../src/scenarioFiles/checker';

const VALID = 'version: 1\ntitle: T\nprotocol: shop\nsteps:\n  - { from: Client, send: price, item: laptop }\n';
const STALLING = join(__dirname, 'fixtures', 'stallingWorker.js');

describe('checking scenario files off the extension host', () => {
  it('gives a check that overruns its budget one problem, and answers the next ones from a fresh worker', async () => {
    const checker = new ScenarioChecker(__dirname, { budgetMs: 1000, workerFile: STALLING });
    const said = (parsed: ParsedScenario): string => (parsed.ok ? 'ok' : parsed.issues.map((issue) => issue.message).join('\n'));
    try {
      const first = said(await checker.check(VALID, 'yaml'));
      assert.match(first, /^checked by worker \d+$/);
      const [stalled, queued] = await Promise.all([checker.check(`${VALID}# STALL\n`, 'yaml'), checker.check(VALID, 'yaml')]);
      assert.equal(said(stalled), 'the file could not be checked within 1 s');
      assert.match(said(queued), /^checked by worker \d+$/);
      assert.notEqual(said(queued), first, 'the check queued behind the stalled one is answered by a fresh worker');
      assert.equal(said(await checker.check(VALID, 'yaml')), said(queued));
    } finally {
      checker.dispose();
    }
  });

  it('does not check on the host when the worker cannot start: the file gets a problem', async () => {
    const checker = new ScenarioChecker(__dirname, { workerFile: join(__dirname, 'fixtures', 'missing.js') });
    try {
      // A check on the host would have found this file valid.
      const parsed = await checker.check(VALID, 'yaml');
      assert.ok(!parsed.ok);
      assert.match(parsed.issues.map((issue) => issue.message).join('\n'), /^the file could not be checked: the checker stopped/);
    } finally {
      checker.dispose();
    }
  });

  it('does not load the parser into the host: the checker only imports its types', () => {
    const source = readFileSync(join(__dirname, '..', '..', '..', 'src', 'scenarioFiles', 'checker.js'), 'utf8');
    assert.doesNotMatch(source, /require\([^)]*scenario\/parse/);
  });
});
