// The protocols by name.
import type { ProtocolName } from '../model';
import { loginProtocol } from './login';
import type { ConversationProtocol, RequestSpec } from './protocol';
import { shopProtocol } from './shop';
import { tcpRequests } from './tcp';

export const conversationProtocols: Readonly<Record<'shop' | 'login', ConversationProtocol>> = { shop: shopProtocol, login: loginProtocol };

export function requestsOf(protocol: ProtocolName): readonly RequestSpec[] {
  return protocol === 'tcp' ? tcpRequests : conversationProtocols[protocol].requests;
}
