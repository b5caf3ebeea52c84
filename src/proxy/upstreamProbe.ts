// Is anything listening at an upstream? One TCP connection, closed at once: a refusal at the start
// is said to the person before their first request meets it.
import { connect } from 'node:net';
import type { Upstream } from '../real/upstreams';

/** The upstreams that refused a connection (a timeout or another error is not counted: it may be a slow network). */
export async function refusingUpstreams(upstreams: readonly Upstream[], timeoutMs = 1500): Promise<Upstream[]> {
  const answers = await Promise.all(upstreams.map((upstream) => new Promise<boolean>((settle) => {
    const secure = upstream.url.protocol === 'https:';
    const port = upstream.url.port === '' ? (secure ? 443 : 80) : Number(upstream.url.port);
    const socket = connect({ host: upstream.url.hostname.replace(/^\[|\]$/g, ''), port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      settle(false);
    });
    socket.once('connect', () => {
      socket.destroy();
      settle(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      settle(error.code === 'ECONNREFUSED');
    });
  })));
  return upstreams.filter((_upstream, index) => answers[index] === true);
}
