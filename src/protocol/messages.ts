// The one message protocol between the extension host and the lab webview.
// Both sides import this file and validate what they receive at run time.

/** Host → webview: draw this Mermaid diagram. */
export interface ShowDiagramMessage {
  readonly type: 'showDiagram';
  readonly title: string;
  readonly mermaid: string;
}

export type HostToWebviewMessage = ShowDiagramMessage;

/** Webview → host: the page has loaded and listens. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** Webview → host: a diagram is on screen. */
export interface RenderedMessage {
  readonly type: 'rendered';
  readonly svgLength: number;
  readonly elapsedMs: number;
}

/** Webview → host: Mermaid refused the diagram; the panel shows the error. */
export interface RenderFailedMessage {
  readonly type: 'renderFailed';
  readonly error: string;
}

export type WebviewToHostMessage = ReadyMessage | RenderedMessage | RenderFailedMessage;

export type ParseResult<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly error: string };

type Field = 'string' | 'number';
type Shape = Readonly<Record<string, Field>>;

const webviewToHostShapes: Readonly<Record<WebviewToHostMessage['type'], Shape>> = {
  ready: {},
  rendered: { svgLength: 'number', elapsedMs: 'number' },
  renderFailed: { error: 'string' },
};

const hostToWebviewShapes: Readonly<Record<HostToWebviewMessage['type'], Shape>> = {
  showDiagram: { title: 'string', mermaid: 'string' },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function parseWith<T>(shapes: Readonly<Record<string, Shape>>, value: unknown): ParseResult<T> {
  if (!isRecord(value)) return { ok: false, error: `expected an object, got ${describe(value)}` };
  const type = value['type'];
  if (typeof type !== 'string') return { ok: false, error: 'message has no string "type"' };
  const shape = Object.hasOwn(shapes, type) ? shapes[type] : undefined;
  if (shape === undefined) return { ok: false, error: `unknown message type "${type.slice(0, 40)}"` };
  for (const [key, field] of Object.entries(shape)) {
    const actual = value[key];
    if (typeof actual !== field || (field === 'number' && !Number.isFinite(actual))) {
      return { ok: false, error: `"${type}".${key} must be a ${field}, got ${describe(actual)}` };
    }
  }
  for (const key of Object.keys(value)) {
    if (key !== 'type' && !Object.hasOwn(shape, key)) return { ok: false, error: `"${type}" has an unknown field "${key.slice(0, 40)}"` };
  }
  // Every field was checked against the shape of this exact type above.
  return { ok: true, message: value as T };
}

export function parseWebviewToHost(value: unknown): ParseResult<WebviewToHostMessage> {
  return parseWith<WebviewToHostMessage>(webviewToHostShapes, value);
}

export function parseHostToWebview(value: unknown): ParseResult<HostToWebviewMessage> {
  return parseWith<HostToWebviewMessage>(hostToWebviewShapes, value);
}
