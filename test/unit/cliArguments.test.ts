// Arguments the command line cannot take are said in its own words, naming the option and the
// rule: never Node's parseArgs wording ("argument is ambiguous", '-- "--x"').
import * as assert from 'node:assert/strict';
import { main } from '../../src/cli/main';

function said(...argv: string[]): { status: number; err: string } {
  let err = '';
  const status = main(argv, { out: () => undefined, err: (text) => { err += text; }, readFile: () => { throw new Error('no files here'); }, writeFile: () => undefined });
  if (typeof status !== 'number') throw new Error(`${argv.join(' ')}: expected the command to be refused at once`);
  return { status, err };
}

describe('protocol-lab CLI arguments', () => {
  it('names the option and what it needs', () => {
    assert.deepEqual(said('run', 'builtin:login-stateful', '--seed', '-5'), { status: 2, err: 'protocol-lab: --seed needs a value (one that starts with "-" is written --seed=VALUE) (protocol-lab --help shows the usage)' });
    assert.deepEqual(said('run', 'builtin:login-stateful', '--seed'), { status: 2, err: 'protocol-lab: --seed needs a value (protocol-lab --help shows the usage)' });
    assert.deepEqual(said('run', 'builtin:login-stateful', '--colour'), { status: 2, err: 'protocol-lab: there is no option --colour (protocol-lab --help shows the usage)' });
    assert.deepEqual(said('run', 'builtin:login-stateful', '--front-matter=yes'), { status: 2, err: 'protocol-lab: --front-matter takes no value (protocol-lab --help shows the usage)' });
    assert.deepEqual(said('run', 'builtin:login-stateful', '--redis', 'redis://127.0.0.1:6379'), { status: 2, err: 'protocol-lab: --redis is where real mode keeps its sessions: it needs --real (protocol-lab --help shows the usage)' });
    assert.deepEqual(said('run', 'builtin:login-stateful', '--real', '--redis', 'localhost'), { status: 2, err: 'protocol-lab: --redis takes a Redis URL such as redis://127.0.0.1:6379, got "localhost" (protocol-lab --help shows the usage)' });
    assert.deepEqual(said('compare', 'builtin:login-stateful', '--real'), { status: 2, err: 'protocol-lab: compare does not take --real (protocol-lab --help shows the usage)' });
    assert.deepEqual(said('run', 'builtin:login-stateful', '--seed=-5'), { status: 2, err: 'protocol-lab: --seed must be a whole number from 0 to 4294967295, got "-5" (protocol-lab --help shows the usage)' });
  });
});
