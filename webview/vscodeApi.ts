// The handle VS Code gives a webview to talk to its host.
import type { WebviewToHostMessage } from '../src/protocol/messages';

export interface VsCodeApi {
  postMessage(message: WebviewToHostMessage): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export function connectToHost(): VsCodeApi {
  return acquireVsCodeApi();
}
