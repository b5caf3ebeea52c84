// The one message protocol between the extension host and the lab webview.
// Both sides import this file and validate what they receive at run time.
import type { RunMetrics } from '../engine/metrics';
import { DETAIL_LEVELS, RELAY_POLICIES, STATE_PLACEMENTS, type DetailLevel, type RelayPolicy, type StatePlacement } from '../engine/model';
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

/**
 * What the panel shows when it is not the simulation: real traffic through the proxy (it comes at
 * the app's pace), or a story that ran over real sockets (shown as it came out). Neither is paced:
 * Play, Pause, Step and the speed act on simulated stories only.
 */
export const REAL_SOURCES = ['traffic', 'sockets'] as const;
export type RealSource = (typeof REAL_SOURCES)[number];

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
  /** How much the diagram draws for this run (the panel's choice, else the setting, else the file's); every hop when absent. */
  readonly detail?: DetailLevel;
  /** Real traffic or a real-sockets run, not the simulation; absent for a simulated story. */
  readonly real?: RealSource;
  /** More pieces of this run follow at once (a long run is sent in pieces, see inPieces): take the events in, draw at the last. */
  readonly more?: boolean;
}

/** New trace events; `fromSeq` is the first one's seq, so a gap shows. */
export interface EventsMessage {
  readonly type: 'events';
  readonly fromSeq: number;
  readonly events: readonly TraceEvent[];
  readonly inspector: LabSnapshot;
  readonly metrics: RunMetrics;
  /** More pieces of the same batch or snapshot follow at once (see inPieces): take the events in, draw at the last. */
  readonly more?: boolean;
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

/** The answer to an `act`: done (with what the palette would have said), or refused and why. */
export interface ActedMessage {
  readonly type: 'acted';
  readonly requestId: number;
  readonly ok: boolean;
  /** What happened, or why not, in the person's words ('' when there is nothing to say). */
  readonly text: string;
}

/** The answer to `checkRequest`: what is wrong with each parameter as typed, in the palette's words (none: it may be sent). */
export interface RequestCheckedMessage {
  readonly type: 'requestChecked';
  readonly requestId: number;
  readonly problems: Readonly<Record<string, string>>;
}

export const LOOK_MOVES = ['back', 'forward', 'live'] as const;

/** Move the panel's look at the run (the palette's Step Back and Back to Live): the run itself keeps its place. */
export interface LookMessage {
  readonly type: 'look';
  readonly move: (typeof LOOK_MOVES)[number];
}

export type HostToWebviewMessage = ShowDiagramMessage | SnapshotMessage | EventsMessage | PacingMessage | CollectSvgMessage | CollectPngMessage | CopyImageMessage | NoticeMessage | LookMessage | ActedMessage | RequestCheckedMessage;

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

export const PANEL_COMMANDS = ['copyMermaid', 'exportSvg', 'exportPng', 'insertIntoNote', 'runOverRealSockets'] as const;
export type PanelCommand = (typeof PANEL_COMMANDS)[number];

/** A toolbar button that runs one of the extension's commands on this run. */
export interface CommandMessage {
  readonly type: 'command';
  readonly command: PanelCommand;
}

/** What the panel's action bar does to the running lab: the palette's lab commands, by their names. */
export const LAB_ACTIONS = ['sendRequest', 'crashServer', 'restartServer', 'addServer', 'removeServer', 'storeDown', 'storeUp', 'setStatePlacement', 'setRelayPolicy'] as const;
export type LabAction = (typeof LAB_ACTIONS)[number];

/** The arguments an action may carry: the same names the commands take from executeCommand. */
export interface LabActionArgs {
  readonly client?: string;
  readonly request?: string;
  /** As typed: the host checks them by the palette's rules (a whole number, one of the values…). */
  readonly params?: Readonly<Record<string, string | number>>;
  readonly server?: string;
  readonly state?: StatePlacement;
  readonly relay?: RelayPolicy;
}

/** Which arguments each action takes; anything else in a message is refused. */
export const LAB_ACTION_ARGS: Readonly<Record<LabAction, readonly (keyof LabActionArgs)[]>> = {
  sendRequest: ['client', 'request', 'params'],
  crashServer: ['server'],
  restartServer: ['server'],
  addServer: ['server'],
  removeServer: ['server'],
  storeDown: [],
  storeUp: [],
  setStatePlacement: ['state'],
  setRelayPolicy: ['relay'],
};

/** Act on the running lab, as the palette's command of the same name does; the answer is `acted`. */
export interface ActMessage {
  readonly type: 'act';
  readonly requestId: number;
  readonly action: LabAction;
  readonly args: LabActionArgs;
}

/** The person chose how much the diagram draws: the panel redraws itself; the host's exports of this run follow. */
export interface DetailMessage {
  readonly type: 'detail';
  readonly level: DetailLevel;
}

/** Check a request's parameters as typed, by the palette's rules, before it is sent; the answer is `requestChecked`. */
export interface CheckRequestMessage {
  readonly type: 'checkRequest';
  readonly requestId: number;
  readonly request: string;
  readonly params: Readonly<Record<string, string | number>>;
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

export type WebviewToHostMessage = ReadyMessage | RenderedMessage | RenderFailedMessage | NeedSnapshotMessage | ControlMessage | CommandMessage | ActMessage | DetailMessage | CheckRequestMessage | SvgMessage | PngMessage | ImageCopiedMessage;

/**
 * The message as plain data, the way it travels: labels in the trace are built lazily (objects
 * with getters and toJSON), and a webview receives only what survives JSON.
 */
export function toWire<T extends HostToWebviewMessage>(message: T): T {
  return JSON.parse(JSON.stringify(message)) as T;
}

// ---- run-time checks -----------------------------------------------------------------------

export type ParseResult<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly error: string };

export interface Check {
  readonly expected: string;
  test(value: unknown): boolean;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const text: Check = { expected: 'a string', test: (value) => typeof value === 'string' };
export const count: Check = { expected: 'a finite number', test: (value) => typeof value === 'number' && Number.isFinite(value) };
/** An exported SVG larger than this is refused rather than written (a 10,000-message run is ~15 MB). */
export const MAX_SVG_LENGTH = 64 * 1024 * 1024;
/** All the PNGs of one answer together, as base64 (the largest canvas Chromium draws is far smaller). */
export const MAX_PNG_LENGTH = 128 * 1024 * 1024;
export const boundedText = (max: number): Check => ({ expected: `a string of at most ${max} characters`, test: (value) => typeof value === 'string' && value.length <= max });
export const flag: Check = { expected: 'true or false', test: (value) => typeof value === 'boolean' };
const record: Check = { expected: 'an object', test: isRecord };
export const oneOf = (values: readonly string[]): Check => ({ expected: `one of ${values.join(', ')}`, test: (value) => typeof value === 'string' && values.includes(value) });
export const optional = (check: Check): Check => ({ expected: `${check.expected}, or nothing`, test: (value) => value === undefined || check.test(value) });
export const listOf = (item: Check, what: string): Check => ({ expected: `a list of ${what}`, test: (value) => Array.isArray(value) && value.every((entry) => item.test(entry)) });
/** Trace events are checked for what the webview relies on: a type and a seq. */
const traceEvent: Check = { expected: 'a trace event', test: (value) => isRecord(value) && typeof value['type'] === 'string' && typeof value['seq'] === 'number' };
const participant: Check = { expected: 'a participant', test: (value) => isRecord(value) && typeof value['id'] === 'string' && typeof value['name'] === 'string' && typeof value['kind'] === 'string' };

const pacingState: Check = {
  expected: 'a pacing state (playing, speed, finished)',
  test: (value) => isRecord(value) && flag.test(value['playing']) && count.test(value['speed']) && flag.test(value['finished']),
};

/** A name a person gave (a client, a server, a request): text of a sensible length. */
const NAME_LIMIT = 200;
/** A request has a handful of parameters; a typed value is short. */
const PARAM_LIMIT = 20;
const PARAM_VALUE_LIMIT = 1000;
const paramValue = (value: unknown): boolean => (typeof value === 'string' && value.length <= PARAM_VALUE_LIMIT) || (typeof value === 'number' && Number.isFinite(value));
const ARG_CHECKS: Readonly<Record<keyof LabActionArgs, (value: unknown) => boolean>> = {
  client: (value) => typeof value === 'string' && value.length <= NAME_LIMIT,
  request: (value) => typeof value === 'string' && value.length <= NAME_LIMIT,
  server: (value) => typeof value === 'string' && value.length <= NAME_LIMIT,
  params: (value) => isRecord(value) && Object.keys(value).length <= PARAM_LIMIT && Object.keys(value).every((key) => key.length <= NAME_LIMIT) && Object.values(value).every(paramValue),
  state: (value) => typeof value === 'string' && (STATE_PLACEMENTS as readonly string[]).includes(value),
  relay: (value) => typeof value === 'string' && (RELAY_POLICIES as readonly string[]).includes(value),
};
const actionArgs: Check = {
  expected: `an object of client, request, server (names of at most ${NAME_LIMIT} characters), params (at most ${PARAM_LIMIT} strings or numbers), state (${STATE_PLACEMENTS.join(', ')}) or relay (${RELAY_POLICIES.join(', ')})`,
  test: (value) => isRecord(value) && Object.entries(value).every(([key, entry]) => Object.hasOwn(ARG_CHECKS, key) && ARG_CHECKS[key as keyof LabActionArgs](entry)),
};

export type Shape = Readonly<Record<string, Check>>;

const webviewToHostShapes: Readonly<Record<WebviewToHostMessage['type'], Shape>> = {
  ready: {},
  rendered: { svgLength: count, elapsedMs: count },
  renderFailed: { error: text },
  needSnapshot: { reason: text },
  control: { action: oneOf(CONTROL_ACTIONS) },
  command: { command: oneOf(PANEL_COMMANDS) },
  act: { requestId: count, action: oneOf(LAB_ACTIONS), args: actionArgs },
  detail: { level: oneOf(DETAIL_LEVELS) },
  checkRequest: { requestId: count, request: { expected: `a request name of at most ${NAME_LIMIT} characters`, test: ARG_CHECKS.request }, params: { expected: `at most ${PARAM_LIMIT} parameters, each a string or a number`, test: ARG_CHECKS.params } },
  svg: { requestId: count, svg: boundedText(MAX_SVG_LENGTH) },
  png: { requestId: count, pngs: { expected: `base64 PNGs of at most ${MAX_PNG_LENGTH} characters in all`, test: (value) => Array.isArray(value) && value.every((entry) => typeof entry === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(entry)) && value.reduce((sum: number, entry: string) => sum + entry.length, 0) <= MAX_PNG_LENGTH }, error: boundedText(2000) },
  imageCopied: { requestId: count, ok: flag, error: boundedText(2000) },
};

const hostToWebviewShapes: Readonly<Record<HostToWebviewMessage['type'], Shape>> = {
  showDiagram: { title: text, mermaid: text },
  snapshot: {
    scenarioId: text, title: text, language: oneOf(['en', 'ko']), participants: listOf(participant, 'participants'), events: listOf(traceEvent, 'trace events'),
    inspector: record, metrics: record, pacing: pacingState, detail: optional(oneOf(DETAIL_LEVELS)), real: optional(oneOf(REAL_SOURCES)), more: optional(flag),
  },
  events: { fromSeq: count, events: listOf(traceEvent, 'trace events'), inspector: record, metrics: record, more: optional(flag) },
  pacing: { playing: flag, speed: count, finished: flag },
  collectSvg: { requestId: count },
  collectPng: { requestId: count, blocks: listOf(text, 'Mermaid texts') },
  copyImage: { requestId: count },
  notice: { text: boundedText(4000), error: flag },
  look: { move: oneOf(LOOK_MOVES) },
  acted: { requestId: count, ok: flag, text: boundedText(4000) },
  requestChecked: { requestId: count, problems: { expected: `a record of at most ${PARAM_LIMIT} problems, each a string`, test: (value) => isRecord(value) && Object.keys(value).length <= PARAM_LIMIT && Object.values(value).every((entry) => typeof entry === 'string' && entry.length <= 4000) } },
};

/** What one field alone cannot say: an action's arguments are those it takes. */
const webviewToHostRefinements: Readonly<Partial<Record<WebviewToHostMessage['type'], (message: Record<string, unknown>) => string | undefined>>> = {
  act: (message) => {
    const action = message['action'] as LabAction;
    const stray = Object.keys(message['args'] as Record<string, unknown>).find((key) => !(LAB_ACTION_ARGS[action] as readonly string[]).includes(key));
    return stray === undefined ? undefined : `"act" ${action} takes ${LAB_ACTION_ARGS[action].join(', ') || 'no arguments'}, not "${stray}"`;
  },
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

export function parseWith<T>(shapes: Readonly<Record<string, Shape>>, value: unknown, refinements: Readonly<Partial<Record<string, (message: Record<string, unknown>) => string | undefined>>> = {}): ParseResult<T> {
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
  const refused = Object.hasOwn(refinements, type) ? refinements[type]?.(value) : undefined;
  if (refused !== undefined) return { ok: false, error: refused };
  // Every field was checked against the shape of this exact type above.
  return { ok: true, message: value as T };
}

export function parseWebviewToHost(value: unknown): ParseResult<WebviewToHostMessage> {
  return parseWith<WebviewToHostMessage>(webviewToHostShapes, value, webviewToHostRefinements);
}

export function parseHostToWebview(value: unknown): ParseResult<HostToWebviewMessage> {
  return parseWith<HostToWebviewMessage>(hostToWebviewShapes, value);
}
