// An app written for the proxy tests, the kind the proxy is for: it keeps logins in memory (its
// own Map), so a second instance knows nothing of the first one's sessions. Real sockets only.
//   POST /login → 200 and Set-Cookie: sid=…    GET /profile → 200 with the cookie, else 401
//   GET /headers → the request's headers as JSON    GET /bytes?n=N → N bytes, streamed
//   POST /echo → the body back, streamed    GET /slow → no answer    /ws → a WebSocket echo
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export interface SessionApp {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Requests this instance served, by path. */
  readonly served: string[];
  close(): Promise<void>;
}

function sessionOf(req: IncomingMessage): string | undefined {
  return /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
}

export async function startSessionApp(name: string, port = 0): Promise<SessionApp> {
  const sessions = new Map<string, string>();
  const served: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://app');
    served.push(url.pathname);
    if (req.method === 'POST' && url.pathname === '/login') {
      req.resume();
      const sid = randomBytes(8).toString('hex');
      sessions.set(sid, 'alice');
      res.writeHead(200, { 'set-cookie': `sid=${sid}; Path=/; HttpOnly`, 'content-type': 'text/plain' }).end(`logged in on ${name}\n`);
      return;
    }
    if (url.pathname === '/profile') {
      const user = sessions.get(sessionOf(req) ?? '');
      if (user === undefined) res.writeHead(401, { 'content-type': 'text/plain' }).end(`${name} does not know you\n`);
      else res.writeHead(200, { 'content-type': 'text/plain' }).end(`${user} on ${name}\n`);
      return;
    }
    if (url.pathname === '/headers') {
      res.writeHead(200, { 'content-type': 'application/json', connection: 'keep-alive, x-app-private', 'x-app-private': 'hop', 'keep-alive': 'timeout=99' }).end(JSON.stringify({ name, headers: req.headers }));
      return;
    }
    if (url.pathname === '/bytes') {
      const total = Number(url.searchParams.get('n') ?? 0);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let left = total;
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const more = (): void => {
        while (left > 0) {
          const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
          left -= piece.length;
          if (!res.write(piece)) {
            res.once('drain', more);
            return;
          }
        }
        res.end();
      };
      more();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/echo') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      req.pipe(res);
      return;
    }
    if (url.pathname === '/slow') return;
    res.writeHead(404).end();
  });
  const sockets = new WebSocketServer({ server, path: '/ws' });
  sockets.on('connection', (socket) => { socket.on('message', (data: Buffer, binary) => { socket.send(binary ? data : `${name}: ${data.toString()}`); }); });
  await new Promise<void>((resolveListen) => server.listen(port, '127.0.0.1', resolveListen));
  const actual = (server.address() as AddressInfo).port;
  return {
    name, url: `http://127.0.0.1:${actual}`, port: actual, server, served,
    close: () => new Promise((resolveClose) => {
      sockets.close();
      server.closeAllConnections();
      server.close(() => { resolveClose(); });
    }),
  };
}
