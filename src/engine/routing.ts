// What the relay says when it passes a request on: which server it picked and why, in the seeds'
// words (pinned to 서버1, next in turn, 서버1 is down so 서버2). The forwarded hop carries it.
import { withParticle } from './korean';
import type { RelayPolicy } from './model';
import { say, type Text } from './text';

/** Why the relay sent a request where it did. */
export type RouteReason =
  /** sticky: a client's first request, pinned from now on */
  | 'pin'
  /** sticky: to the server the client is pinned to */
  | 'pinned'
  /** the policy's ordinary pick (next in turn, any server, fewest open) */
  | 'policy'
  /** a server that joined takes its first turn */
  | 'joined'
  /** TCP: a SYN opens a connection on the server picked */
  | 'new-connection'
  /** TCP: a segment of an open connection goes where the connection is */
  | 'connection'
  /** the server it would have gone to is down: sent on to another one */
  | 'rerouted';

export interface RouteDecision {
  readonly reason: RouteReason;
  readonly to: Text;
  /** rerouted: the server that was down. */
  readonly from?: Text;
  /** rerouted: whether the request was pinned (sticky) or a TCP connection's. */
  readonly pinned?: boolean;
}

const to = (server: Text): string => withParticle(server.ko, '으로/로');

/** The decision in words, for the forwarded hop's label. */
export function routeWords(decision: RouteDecision, policy: RelayPolicy, client: Text): Text {
  const server = decision.to;
  switch (decision.reason) {
    case 'pin':
      return say(`first request: pin ${client.en} to ${server.en}`, `처음 온 ${withParticle(client.ko, '을/를')} ${server.ko}에 고정`);
    case 'pinned':
      return say(`pinned: ${server.en}`, `고정된 ${to(server)}`);
    case 'joined':
      return say(`next in turn: ${server.en} (just added)`, `차례대로 새 ${to(server)}`);
    case 'new-connection':
      return say(`new connection: ${server.en}`, `새 연결: ${to(server)}`);
    case 'connection':
      return say(`same connection: ${server.en}`, `같은 연결: ${to(server)}`);
    case 'rerouted': {
      const down = decision.from ?? say('the server', '서버');
      if (decision.pinned === true) {
        return say(`pinned ${down.en} is down: send on to ${server.en}${policy === 'sticky' ? ', pin there' : ''}`, `고정된 ${down.ko} 장애: ${to(server)} 보냄${policy === 'sticky' ? ' (새로 고정)' : ''}`);
      }
      return say(`${down.en} is down: send on to ${server.en}`, `${down.ko} 장애: ${to(server)} 보냄`);
    }
    case 'policy':
      switch (policy) {
        case 'random':
          return say(`any server: ${server.en}`, `아무 서버나: ${to(server)}`);
        case 'least-connections':
          return say(`fewest open requests: ${server.en}`, `요청이 가장 적은 ${to(server)}`);
        default:
          return say(`next in turn: ${server.en}`, `차례대로 ${to(server)}`);
      }
  }
}
