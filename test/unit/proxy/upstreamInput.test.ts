// What a person types for Proxy My App's upstreams: the lists that are taken, and for each kind of
// mistake a message that names the entry and says what to write instead.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readUpstreams, upstreamEntries, upstreamEntryProblem, upstreamsText } from '../../../src/proxy/upstreamInput';
import { upstreamsOf } from '../../../src/real/upstreams';

function problemOf(text: string): string {
  const reading = readUpstreams(text);
  assert.ok(!reading.ok, `"${text}" was taken`);
  return reading.problem;
}

describe('Proxy My App: the upstreams a person types', () => {
  it('takes a comma-separated list, with spaces, empty entries, names and https', () => {
    const reading = readUpstreams(' http://127.0.0.1:3000 ,, api=https://example.test:8443/v1 , http://[::1]:3001 ');
    assert.ok(reading.ok);
    assert.deepEqual(reading.upstreams, [{ url: 'http://127.0.0.1:3000' }, { name: 'api', url: 'https://example.test:8443/v1' }, { url: 'http://[::1]:3001' }]);
  });

  it('says which entry is wrong and why, for each kind of mistake', () => {
    assert.equal(problemOf(''), 'Give at least one upstream URL, such as http://127.0.0.1:3000');
    assert.equal(problemOf(' , '), 'Give at least one upstream URL, such as http://127.0.0.1:3000');
    assert.equal(problemOf('http://127.0.0.1:3000, localhost:3001'), '"localhost:3001" has no scheme: write it as http://localhost:3001');
    assert.equal(problemOf('not a url'), '"not a url" is not a URL: write it as http://HOST:PORT');
    assert.equal(problemOf('ftp://127.0.0.1:21'), '"ftp://127.0.0.1:21": the proxy forwards to http:// or https:// only, not ftp:');
    assert.equal(problemOf('http://me:secret@127.0.0.1:3000'), '"http://me:secret@127.0.0.1:3000": leave the user name and password out of an upstream URL');
    assert.match(problemOf('http://127.0.0.1:3000/?debug=1'), /without \? or #/);
    assert.match(problemOf('http://127.0.0.1:3000/#top'), /without \? or #/);
    assert.equal(problemOf('a=http://127.0.0.1:1, a=http://127.0.0.1:2'), 'Two upstreams are called "a": give each its own name.');
    assert.equal(problemOf(Array.from({ length: 17 }, (_unused, index) => `http://127.0.0.1:${3000 + index}`).join(',')), 'At most 16 upstreams; 17 were given.');
  });

  it('checks one entry alone (the one-by-one input box)', () => {
    assert.equal(upstreamEntryProblem('http://127.0.0.1:3001'), undefined);
    assert.match(upstreamEntryProblem('127.0.0.1:3001') ?? '', /has no scheme/);
  });

  it('writes a list back as it reads it', () => {
    const reading = readUpstreams('http://127.0.0.1:3000, api=http://127.0.0.1:3001/v1');
    assert.ok(reading.ok);
    assert.equal(upstreamsText(reading.upstreams), 'http://127.0.0.1:3000, api=http://127.0.0.1:3001/v1');
    assert.deepEqual(readUpstreams(upstreamsText(reading.upstreams)), reading);
  });

  it('never takes a list the proxy would refuse, nor throws, whatever is typed (property)', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom('http://', 'https://', 'ftp://', '127.0.0.1', ':3000', '@', '?', '#', '=', ',', ' ', '[::1]', 'a=', 'Server2='),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
      const typed = pieces.join('');
      const reading = readUpstreams(typed);
      if (!reading.ok) {
        assert.ok(reading.problem.length > 0);
        return;
      }
      assert.ok(reading.upstreams.length >= 1 && reading.upstreams.length === upstreamEntries(typed).length);
      // Taken here means the proxy takes it too (only a name clash with an invented ServerN is left to it).
      try {
        upstreamsOf(reading.upstreams);
      } catch (error) {
        assert.match(String(error), /two upstreams are called "Server\d+"/);
      }
    }), { numRuns: 400 });
  });
});
