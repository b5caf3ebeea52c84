// The last upstreams and policy, kept in the workspace's memento: read back as typed, and anything
// else found there (an older format, a hand edit) ignored rather than trusted.
import * as assert from 'node:assert/strict';
import { RememberedProxy, type SmallMemento } from '../../../src/proxy/rememberedProxy';

class MapMemento implements SmallMemento {
  readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

describe('Proxy My App remembers per workspace', () => {
  it('has nothing to offer in a new workspace', () => {
    const remembered = new RememberedProxy(new MapMemento());
    assert.equal(remembered.upstreams, '');
    assert.equal(remembered.policy, undefined);
  });

  it('gives back the last upstreams and policy, as the input box shows them', async () => {
    const memento = new MapMemento();
    await new RememberedProxy(memento).remember([{ url: 'http://127.0.0.1:3000' }, { name: 'api', url: 'http://127.0.0.1:3001' }], 'sticky');
    const again = new RememberedProxy(memento);
    assert.equal(again.upstreams, 'http://127.0.0.1:3000, api=http://127.0.0.1:3001');
    assert.equal(again.policy, 'sticky');
  });

  it('keeps one workspace apart from another (each has its own memento)', async () => {
    const first = new MapMemento();
    const second = new MapMemento();
    await new RememberedProxy(first).remember([{ url: 'http://127.0.0.1:3000' }], 'random');
    await new RememberedProxy(second).remember([{ url: 'http://127.0.0.1:4000' }], 'least-connections');
    assert.equal(new RememberedProxy(first).upstreams, 'http://127.0.0.1:3000');
    assert.equal(new RememberedProxy(second).upstreams, 'http://127.0.0.1:4000');
  });

  it('ignores what it did not write: other types, invalid lists, unknown policies', () => {
    const memento = new MapMemento();
    const remembered = new RememberedProxy(memento);
    for (const kept of [42, ['http://127.0.0.1:3000'], { url: 'x' }, 'ftp://127.0.0.1:21', 'http://user:pw@127.0.0.1:1']) {
      memento.values.set('protocolLab.proxy.upstreams', kept);
      assert.equal(remembered.upstreams, '', JSON.stringify(kept));
    }
    for (const kept of ['none', 'ROUND-ROBIN', 7, '__proto__']) {
      memento.values.set('protocolLab.proxy.policy', kept);
      assert.equal(remembered.policy, undefined, JSON.stringify(kept));
    }
  });
});
