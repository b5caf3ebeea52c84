// The one message protocol between the extension host and the lab webview.
// Both sides import this file and validate what they receive at run time.
import type { RunMetrics } from '../engine/metrics';
import type { LabSnapshot } from '../engine/snapshot';
import type { Language } from '../engine/text';
import type { Participant, TraceEvent } from '../engine/trace';

// ---- host → webview ------------------------------------------------------------------------

/** Draw this Mermaid diagram (a finished run, not a live one). */
export interface ShowDiagramMessage {
  readonly type: 'showDiagram';
  readonly title: string;
  readonly mermaid: string;
}

export interface PacingState {
  readonly playing: boolean;
  readonly speed: number;
  /** Every step has run and nothing is in flight: Pause and Step have nothing to do until something is sent. */
  readonly finished: boolean;
}

/** Everything the webview needs to draw the live run from scratch. */
export interface SnapshotMessage {
  readonly type: 'snapshot';
  /** What is playing (a built-in id or a scenario file's URI): the webview keeps it so a reload restores it. */
  readonly scenarioId: string;
  readonly title: string;
  readonly language: Language;
  readonly participants: readonly Participant[];
  readonly events: readonly TraceEvent[];
  readonly inspector: LabSnapshot;
  readonly metrics: RunMetrics;
  readonly pacing: PacingState;
}

/** New trace events; `fromSeq` is the first one's seq, so a gap shows. */
export interface EventsMessage {
  readonly type: 'events';
  readonly fromSeq: number;
  readonly events: readonly TraceEvent[];
  readonly inspector: LabSnapshot;
  readonly metrics: RunMetrics;
}

export interface PacingMessage extends PacingState {
  readonly type: 'pacing';
}

/** The host wants the drawn diagram as one standalone SVG (export); the answer carries the same id. */
export interface CollectSvgMessage {
  readonly type: 'collectSvg';
  readonly requestId: number;
}

/**
 * The host wants pictures: `blocks` drawn one PNG each (a note's images), or the drawn diagram
 * when `blocks` is empty. The answer carries the same id.
 */
export interface CollectPngMessage {
  readonly type: 'collectPng';
  readonly requestId: number;
  readonly blocks: readonly string[];
}

/** Copy the drawn diagram to the clipboard as an image (from the palette; the panel's button does it itself). */
export interface CopyImageMessage {
  readonly type: 'copyImage';
  readonly requestId: number;
}

/** Something the panel should say in its status line (a step that could not run). */
export interface NoticeMessage {
  readonly type: 'notice';
  readonly text: string;
  readonly error: boolean;
}

export const LOOK_MOVES = ['back', 'forward', 'live'] as const;

/** Move the panel's look at the run (the palette's Step Back and Back to Live): the run itself keeps its place. */
export interface LookMessage {
  readonly type: 'look';
  readonly move: (typeof LOOK_MOVES)[number];
}

export type HostToWebviewMessage = ShowDiagramMessage | SnapshotMessage | EventsMessage | PacingMessage | CollectSvgMessage | CollectPngMessage | CopyImageMessage | NoticeMessage | LookMessage;

// ---- webview → host ------------------------------------------------------------------------

/** The page has loaded and listens. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** A diagram is on screen. */
export interface RenderedMessage {
  readonly type: 'rendered';
  readonly svgLength: number;
  readonly elapsedMs: number;
}

/** Mermaid refused the diagram; the panel shows the error. */
export interface RenderFailedMessage {
  readonly type: 'renderFailed';
  readonly error: string;
}

/** The webview missed events (a gap in seq) and wants the whole state again. */
export interface NeedSnapshotMessage {
  readonly type: 'needSnapshot';
  readonly reason: string;
}

export const CONTROL_ACTIONS = ['play', 'pause', 'step', 'reset', 'faster', 'slower'] as const;
export type ControlAction = (typeof CONTROL_ACTIONS)[number];

/** A control in the panel was used. */
export interface ControlMessage {
  readonly type: 'control';
  readonly action: ControlAction;
}

export const PANEL_COMMANDS = ['copyMermaid', 'exportSvg', 'exportPng', 'insertIntoNote'] as const;
export type PanelCommand = (typeof PANEL_COMMANDS)[number];

/** A toolbar button that runs one of the extension's commands on this run. */
export interface CommandMessage {
  readonly type: 'command';
  readonly command: PanelCommand;
}

/** The answer to collectSvg: the drawn diagram as one SVG document ('' when nothing is drawn). */
export interface SvgMessage {
  readonly type: 'svg';
  readonly requestId: number;
  readonly svg: string;
}

/** The answer to collectPng: base64 PNGs at twice the drawn size, background filled; or why there are none. */
export interface PngMessage {
  readonly type: 'png';
  readonly requestId: number;
  readonly pngs: readonly string[];
  readonly error: string;
}

/** The diagram went to the clipboard as an image, or why it did not. */
export interface ImageCopiedMessage {
  readonly type: 'imageCopied';
  /** The palette's request, or 0 for the panel's own button. */
  readonly requestId: number;
  readonly ok: boolean;
  readonly error: string;
}

export type WebviewToHostMessage = ReadyMessage | RenderedMessage | RenderFailedMessage | NeedSnapshotMessage | ControlMessage | CommandMessage | SvgMessage | PngMessage | ImageCopiedMessage;

/**
 * The message as plain data, the way it travels: labels in the trace are built lazily (objects
 * with getters and toJSON), and a webview receives only what survives JSON.
 */
export function toWire<T extends HostToWebviewMessage>(message: T): T {
  return JSON.parse(JSON.stringify(message)) as T;
}

// ---- run-time checks -----------------------------------------------------------------------

export type ParseResult<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly error: string };

interface Check {
  readonly expected: string;
  test(value: unknown): boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const text: Check = { expected: 'a string', test: (value) => typeof value === 'string' };
const count: Check = { expected: 'a finite number', test: (value) => typeof value === 'number' && Number.isFinite(value) };
/** An exported SVG larger than this is refused rather than written (a 10,000-message run is ~15 MB). */
export const MAX_SVG_LENGTH = 64 * 1024 * 1024;
/** All the PNGs of one answer together, as base64 (the largest canvas Chromium draws is far smaller). */
export const MAX_PNG_LENGTH = 128 * 1024 * 1024;
const boundedText = (max: number): Check => ({ expected: `a string of at most ${max} characters`, test: (value) => typeof value === 'string' && value.length <= max });
const flag: Check = { expected: 'true or false', test: (value) => typeof value === 'boolean' };
const record: Check = { expected: 'an object', test: isRecord };
const oneOf = (values: readonly string[]): Check => ({ expected: `one of ${values.join(', ')}`, test: (value) => typeof value === 'string' && values.includes(value) });
const listOf = (item: Check, what: string): Check => ({ expected: `a list of ${what}`, test: (value) => Array.isArray(value) && value.every((entry) => item.test(entry)) });
/** Trace events are checked for what the webview relies on: a type and a seq. */
const traceEvent: Check = { expected: 'a trace event', test: (value) => isRecord(value) && typeof value['type'] === 'string' && typeof value['seq'] === 'number' };
const participant: Check = { expected: 'a participant', test: (value) => isRecord(value) && typeof value['id'] === 'string' && typeof value['name'] === 'string' && typeof value['kind'] === 'string' };

const pacingState: Check = {
  expected: 'a pacing state (playing, speed, finished)',
  test: (value) => isRecord(value) && flag.test(value['playing']) && count.test(value['speed']) && flag.test(value['finished']),
};

type Shape = Readonly<Record<string, Check>>;

const webviewToHostShapes: Readonly<Record<WebviewToHostMessage['type'], Shape>> = {
  ready: {},
  rendered: { svgLength: count, elapsedMs: count },
  renderFailed: { error: text },
  needSnapshot: { reason: text },
  control: { action: oneOf(CONTROL_ACTIONS) },
  command: { command: oneOf(PANEL_COMMANDS) },
  svg: { requestId: count, svg: boundedText(MAX_SVG_LENGTH) },
  png: { requestId: count, pngs: { expected: `base64 PNGs of at most ${MAX_PNG_LENGTH} characters in all`, test: (value) => Array.isArray(value) && value.every((entry) => typeof entry === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(entry)) && value.reduce((sum: number, entry: string) => sum + entry.length, 0) <= MAX_PNG_LENGTH }, error: boundedText(2000) },
  imageCopied: { requestId: count, ok: flag, error: boundedText(2000) },
};

const hostToWebviewShapes: Readonly<Record<HostToWebviewMessage['type'], Shape>> = {
  showDiagram: { title: text, mermaid: text },
  snapshot: {
    scenarioId: text, title: text, language: oneOf(['en', 'ko']), participants: listOf(participant, 'participants'), events: listOf(traceEvent, 'trace events'),
    inspector: record, metrics: record, pacing: pacingState,
  },
  events: { fromSeq: count, events: listOf(traceEvent, 'trace events'), inspector: record, metrics: record },
  pacing: { playing: flag, speed: count, finished: flag },
  collectSvg: { requestId: count },
  collectPng: { requestId: count, blocks: listOf(text, 'Mermaid texts') },
  copyImage: { requestId: count },
  notice: { text: boundedText(4000), error: flag },
  look: { move: oneOf(LOOK_MOVES) },
};

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
  for (const [key, check] of Object.entries(shape)) {
    if (!check.test(value[key])) return { ok: false, error: `"${type}".${key} must be ${check.expected}, got ${describe(value[key])}` };
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
