// The handle VS Code gives a webview to talk to its host, and to keep a little state across reloads.
import type { WebviewToHostMessage } from '../src/protocol/messages';

export interface VsCodeApi<Message = WebviewToHostMessage> {
  postMessage(message: Message): void;
  /** Kept by VS Code while the panel is hidden, and handed to the panel serializer after a window reload. */
  setState(state: unknown): void;
  getState(): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi<unknown>;

/**
 * The lab's page talks in WebviewToHostMessage; another page (the comparison) names its own. A page
 * may acquire the handle once: the lab page's first script (src/panel/firstPaintScript.ts) has.
 */
export function connectToHost<Message = WebviewToHostMessage>(): VsCodeApi<Message> {
  const taken = (window as { protocolLabHost?: VsCodeApi<unknown> }).protocolLabHost;
  return taken ?? acquireVsCodeApi();
}
