// The handle VS Code gives a webview to talk to its host, and to keep a little state across reloads.
import type { WebviewToHostMessage } from '../src/protocol/messages';

export interface VsCodeApi<Message = WebviewToHostMessage> {
  postMessage(message: Message): void;
  /** Kept by VS Code and handed to the panel serializer after a window reload. */
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi<unknown>;

/** The lab's page talks in WebviewToHostMessage; another page (the comparison) names its own. */
export function connectToHost<Message = WebviewToHostMessage>(): VsCodeApi<Message> {
  return acquireVsCodeApi();
}
