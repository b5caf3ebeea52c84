// Where Proxy My App listens: loopback and a free port unless the person wrote an address.
import * as assert from 'node:assert/strict';
import { isLoopbackHost, readListen } from '../../../src/proxy/listenAddress';

describe('Proxy My App: where it listens', () => {
  it('listens on 127.0.0.1 and a free port when nothing is written', () => {
    assert.deepEqual(readListen(''), { ok: true, listen: { host: '127.0.0.1', port: 0 } });
    assert.deepEqual(readListen('   '), { ok: true, listen: { host: '127.0.0.1', port: 0 } });
  });

  it('takes PORT (on loopback), HOST:PORT and [IPv6]:PORT', () => {
    assert.deepEqual(readListen('8080'), { ok: true, listen: { host: '127.0.0.1', port: 8080 } });
    assert.deepEqual(readListen('0.0.0.0:8080'), { ok: true, listen: { host: '0.0.0.0', port: 8080 } });
    assert.deepEqual(readListen('[::1]:9000'), { ok: true, listen: { host: '::1', port: 9000 } });
  });

  it('refuses what is not an address, saying how to write one', () => {
    for (const written of ['http://127.0.0.1:8080', '99999', 'host:', ':80', 'a b:80', '::1:80']) {
      const reading = readListen(written);
      assert.ok(!reading.ok, written);
      assert.match(reading.problem, /write PORT \(on 127\.0\.0\.1\) or HOST:PORT/);
    }
  });

  it('knows which hosts only this machine can reach', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.test', '127.0.0.1.example.test']) assert.ok(!isLoopbackHost(host), host);
  });
});
