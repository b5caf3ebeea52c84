// The handle VS Code gives a webview to talk to its host, and to keep a little state across reloads.
import type { WebviewToHostMessage } from '../src/protocol/messages';

export interface VsCodeApi {
  postMessage(message: WebviewToHostMessage): void;
  /** Kept by VS Code and handed to the panel serializer after a window reload. */
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export function connectToHost(): VsCodeApi {
  return acquireVsCodeApi();
}
