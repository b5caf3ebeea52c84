// One message looked at closely, from the trace alone: as it would travel (an HTTP request or
// answer with the headers that carry the state, a TCP segment with its flags and relative
// sequence numbers, a store call), its size and virtual time, the exchange it belongs to, the
// relay's choice of server and why, and the state it made a holder read or write, before → after.
import { short } from '../engine/headers';
import type { ProtocolName } from '../engine/model';
import { requestsOf } from '../engine/protocols/registry';
import { utf8Length } from '../engine/protocols/tcp';
import type { Language, Text } from '../engine/text';
import type { MessageSentEvent, Participant, RequestStartedEvent, StateAction, StateEvent, StateField, TraceEvent } from '../engine/trace';
import { participantLabel } from './sequenceDiagram';
import { failureWords, LOSS_WORDS } from './words';

export interface Hop {
  readonly text: string;
  /** The message looked at. */
  readonly current: boolean;
  readonly lost: boolean;
}

export interface StateChange {
  readonly holder: string;
  readonly action: StateAction;
  /** The session (SID=7f3a…) or connection it concerns, as the diagram shows it; '' for a client's own. */
  readonly key: string;
  readonly before: readonly string[];
  readonly after: readonly string[];
}

export interface MessageDetails {
  /** Browser → Server: Profile Request */
  readonly title: string;
  readonly kind: MessageSentEvent['kind'] | 'step' | 'fault';
  /** The message as it would travel, line by line (a blank line before a body). */
  readonly wire: readonly string[];
  readonly bytes: number | undefined;
  readonly sentAt: number;
  readonly arrivedAt: number | undefined;
  /** Why it never arrived, in the diagram's words. */
  readonly lost: string | undefined;
  readonly exchange: { readonly hops: readonly Hop[]; readonly outcome: { readonly text: string; readonly ok: boolean; readonly status: number } | undefined } | undefined;
  /** The relay's choice of server for this exchange, in its words, and whether it re-routed. */
  readonly route: { readonly text: string; readonly rerouted: boolean } | undefined;
  /** State this message made its receiver read or write ('message'), or, when it made none, the exchange's ('exchange'). */
  readonly state: readonly StateChange[];
  readonly stateScope: 'message' | 'exchange';
}

const STATUS_TEXT: Readonly<Record<number, string>> = { 200: 'OK', 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 409: 'Conflict', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

/** TCP flags of each segment the lab sends (DATA is pushed; every segment after the SYN acknowledges). */
const FLAGS: Readonly<Record<string, string>> = { SYN: 'SYN', 'SYN-ACK': 'SYN, ACK', ACK: 'ACK', DATA: 'PSH, ACK', 'DATA-ACK': 'ACK', FIN: 'FIN, ACK', 'FIN-ACK': 'FIN, ACK', RST: 'RST' };

/** The segment a packet's label names: SYN, DATA “hello”, ACK (5 bytes received) → DATA-ACK. */
export function segmentOf(label: Text): string {
  if (label.en.startsWith('ACK (')) return 'DATA-ACK';
  return label.en.split(' ')[0] ?? label.en;
}

function formValue(value: unknown): string {
  return encodeURIComponent(String(value)).replace(/%20/g, '+');
}

export class MessageInspector {
  private readonly names: ReadonlyMap<string, string>;
  private readonly kinds: ReadonlyMap<string, Participant['kind']>;

  constructor(
    participants: readonly Participant[],
    private readonly trace: readonly TraceEvent[],
    private readonly language: Language,
    private readonly protocol: ProtocolName,
  ) {
    this.names = new Map(participants.map((participant) => [participant.id, participantLabel(participant, language)]));
    this.kinds = new Map(participants.map((participant) => [participant.id, participant.kind]));
  }

  private name(id: string): string {
    return this.names.get(id) ?? id;
  }

  private say(text: Text): string {
    return text[this.language];
  }

  /** The details of the event at trace index `index` (a message, a step or a fault); undefined for anything else. */
  details(index: number): MessageDetails | undefined {
    const event = this.trace[index];
    if (event === undefined) return undefined;
    if (event.type === 'message-sent' || event.type === 'message-delivered' || event.type === 'message-lost') return this.message(event.messageId, event.requestId, index);
    if (event.type === 'internal-step') return this.step(event, index);
    if (event.type === 'fault') {
      return { title: `⚡ ${this.say(event.label)}`, kind: 'fault', wire: [], bytes: undefined, sentAt: event.time, arrivedAt: undefined, lost: undefined, exchange: undefined, route: undefined, state: this.changes(index + 1, this.faultEnd(index)), stateScope: 'message' };
    }
    return undefined;
  }

  private faultEnd(index: number): number {
    let end = index + 1;
    while (this.trace[end]?.type === 'state') end++;
    return end;
  }

  private step(event: Extract<TraceEvent, { type: 'internal-step' }>, index: number): MessageDetails {
    const state = this.changes(index + 1, this.nextSent(event.requestId, index + 1));
    return {
      title: `${this.name(event.actor)}: ${this.say(event.label)}`, kind: 'step', wire: [], bytes: undefined, sentAt: event.time, arrivedAt: undefined, lost: undefined,
      exchange: this.exchange(event.requestId, -1), route: this.route(event.requestId, index + 1), ...this.stateOf(event.requestId, state),
    };
  }

  private message(messageId: number, requestId: number, near: number): MessageDetails | undefined {
    const { sent, sentIndex, end, endIndex } = this.find(messageId, near);
    const message = sent ?? end;
    if (message === undefined) return undefined;
    const from = endIndex >= 0 ? endIndex + 1 : sentIndex + 1;
    const state = end?.type === 'message-delivered' ? this.changes(from, this.nextSent(requestId, from)) : [];
    return {
      title: `${this.name(message.from)} → ${this.name(message.to)}: ${this.say(message.label)}`,
      kind: message.kind,
      wire: this.wire(message, sentIndex >= 0 ? sentIndex : near),
      bytes: sent?.bytes,
      sentAt: sent?.time ?? message.time,
      arrivedAt: end?.type === 'message-delivered' ? end.time : undefined,
      lost: end?.type === 'message-lost' ? this.say(LOSS_WORDS[end.reason]) : undefined,
      exchange: this.exchange(requestId, messageId),
      route: this.route(requestId, sentIndex >= 0 ? sentIndex : near),
      ...this.stateOf(requestId, state),
    };
  }

  /** The message's sending and its arrival (or loss), found near the index looked at. */
  private find(messageId: number, near: number): { sent: MessageSentEvent | undefined; sentIndex: number; end: Extract<TraceEvent, { type: 'message-delivered' | 'message-lost' }> | undefined; endIndex: number } {
    let sentIndex = -1;
    let endIndex = -1;
    for (let index = near; index >= 0; index--) {
      const event = this.trace[index] as TraceEvent;
      if (event.type === 'message-sent' && event.messageId === messageId) {
        sentIndex = index;
        break;
      }
    }
    for (let index = Math.max(near, sentIndex); index < this.trace.length; index++) {
      const event = this.trace[index] as TraceEvent;
      if ((event.type === 'message-delivered' || event.type === 'message-lost') && event.messageId === messageId) {
        endIndex = index;
        break;
      }
    }
    const sent = this.trace[sentIndex];
    const end = this.trace[endIndex];
    return {
      sent: sent?.type === 'message-sent' ? sent : undefined, sentIndex,
      end: end?.type === 'message-delivered' || end?.type === 'message-lost' ? end : undefined, endIndex,
    };
  }

  /** Where the exchange sends its next message after `from`: what a message caused ends there. */
  private nextSent(requestId: number, from: number): number {
    for (let index = from; index < this.trace.length; index++) {
      const event = this.trace[index] as TraceEvent;
      if (event.type === 'message-sent' && event.requestId === requestId) return index;
      if (event.type === 'request-outcome' && event.requestId === requestId) return index + 1;
    }
    return this.trace.length;
  }

  private started(requestId: number): RequestStartedEvent | undefined {
    for (const event of this.trace) if (event.type === 'request-started' && event.requestId === requestId) return event;
    return undefined;
  }

  // ---- as it travels ------------------------------------------------------------------------

  private wire(message: MessageSentEvent | Extract<TraceEvent, { type: 'message-delivered' | 'message-lost' }>, index: number): string[] {
    switch (message.kind) {
      case 'request':
        return this.httpRequest(message, index);
      case 'response':
        return this.httpResponse(message);
      case 'packet':
        return this.segment(message, index);
      case 'store-call':
      case 'store-reply':
        return this.storeCall(message, index);
    }
  }

  private httpRequest(message: { readonly requestId: number; readonly from: string; readonly detail: Text | undefined }, index: number): string[] {
    const started = this.started(message.requestId);
    const request = started?.request ?? '';
    const params = Object.entries(started?.params ?? {});
    const form = params.map(([key, value]) => `${encodeURIComponent(key)}=${formValue(value)}`).join('&');
    const method = requestsOf(this.protocol).find((spec) => spec.name === request)?.method ?? 'POST';
    const lines = [method === 'GET' && form !== '' ? `GET /${request}?${form} HTTP/1.1` : `${method} /${request} HTTP/1.1`];
    if (started !== undefined && this.isRelay(message.from)) lines.push(`X-Forwarded-For: ${this.name(started.client)}`);
    if (message.detail !== undefined) lines.push(this.say(message.detail));
    const carried = started === undefined ? [] : this.carried(started.client, index);
    if (method === 'POST' && (form !== '' || carried.length > 0)) lines.push('Content-Type: application/x-www-form-urlencoded', '', [form, ...carried].filter((part) => part !== '').join('&'));
    return lines;
  }

  /** What a client that keeps the conversation repeats in its request (state: client): its fields as they stood. */
  private carried(client: string, before: number): string[] {
    for (let index = before; index >= 0; index--) {
      const event = this.trace[index] as TraceEvent;
      if (event.type === 'state' && event.holder === client && event.key === 'context') {
        return event.action === 'stored' ? event.fields.map((field) => `${encodeURIComponent(this.say(field.name))}=${formValue(field.value)}`) : [];
      }
    }
    return [];
  }

  private httpResponse(message: { readonly requestId: number; readonly label: Text; readonly detail: Text | undefined }): string[] {
    let status: number | undefined;
    for (const event of this.trace) if (event.type === 'request-outcome' && event.requestId === message.requestId) status = event.status;
    // The relay's own answers say their status first (503 Service Unavailable).
    const own = /^(\d{3}) /.exec(message.label.en);
    const code = own !== null ? Number(own[1]) : status;
    const lines = [code === undefined ? 'HTTP/1.1 …' : `HTTP/1.1 ${code} ${STATUS_TEXT[code] ?? ''}`.trimEnd()];
    if (message.detail !== undefined) lines.push(this.say(message.detail));
    lines.push('Content-Type: text/plain; charset=utf-8', '', this.say(message.label));
    return lines;
  }

  /** A TCP segment: its flags and sequence numbers relative to each side's first (as Wireshark shows them). */
  private segment(message: { readonly messageId: number; readonly requestId: number; readonly from: string; readonly to: string; readonly label: Text }, index: number): string[] {
    const segment = segmentOf(message.label);
    const started = this.started(message.requestId);
    const client = started?.client ?? message.from;
    const numbers = this.sequenceNumbers(client, message.messageId, index);
    const data = segment === 'DATA' ? String(started?.params['data'] ?? '') : undefined;
    const lines = [`TCP ${this.name(message.from)} → ${this.name(message.to)}`, `[${FLAGS[segment] ?? segment}] seq=${numbers.seq} ack=${numbers.ack}${data !== undefined ? ` len=${utf8Length(data)}` : ' len=0'}`];
    if (data !== undefined) lines.push('', this.say(message.label).replace(/^DATA /, ''));
    return lines;
  }

  /** Relative sequence numbers of one client's connection up to a message: each side starts at 0, a SYN or FIN counts one, data its bytes. */
  private sequenceNumbers(client: string, messageId: number, upTo: number): { seq: number; ack: number } {
    let clientNext = 0;
    let serverNext = 0;
    let toServer = { seq: 0, ack: 0 };
    let toClient = { seq: 0, ack: 0 };
    const data = new Map<number, string>();
    for (let index = 0; index <= upTo && index < this.trace.length; index++) {
      const event = this.trace[index] as TraceEvent;
      if (event.type === 'request-started' && event.client === client) data.set(event.requestId, String(event.params['data'] ?? ''));
      if (event.type !== 'message-sent' || event.kind !== 'packet') continue;
      const segment = segmentOf(event.label);
      if (event.from === client) {
        if (segment === 'SYN') {
          clientNext = 0;
          serverNext = 0;
        }
        toServer = { seq: clientNext, ack: segment === 'SYN' ? 0 : serverNext };
        clientNext += segment === 'SYN' || segment === 'FIN' ? 1 : segment === 'DATA' ? utf8Length(data.get(event.requestId) ?? '') : 0;
      } else if (this.kinds.get(event.from) === 'server' && this.clientOf(event.requestId) === client) {
        toClient = { seq: serverNext, ack: clientNext };
        serverNext += segment === 'SYN-ACK' || segment === 'FIN-ACK' ? 1 : 0;
      }
      // The relay passes a segment on unchanged.
      if (event.messageId === messageId) return event.to === client || this.kinds.get(event.from) === 'server' ? toClient : toServer;
    }
    return toServer;
  }

  private clientOf(requestId: number): string | undefined {
    return this.started(requestId)?.client;
  }

  /** A call to the session store, as a Redis client would send it (GET / SET / DEL and the key), or its answer. */
  private storeCall(message: { readonly requestId: number; readonly kind: string; readonly label: Text }, index: number): string[] {
    const state = this.storeState(message.requestId, index);
    const key = state === undefined ? '' : ` session:${short(state.key)}`;
    if (message.kind === 'store-call') {
      const command = message.label.en.split(' ')[0] ?? message.label.en;
      return [`${command}${key}`, ...(command === 'SET' && state !== undefined ? state.fields.map((field) => this.field(field, state.key)) : [])];
    }
    return [this.say(message.label), ...(state?.action === 'read' ? state.fields.map((field) => this.field(field, state.key)) : [])];
  }

  private storeState(requestId: number, from: number): StateEvent | undefined {
    for (let index = from; index < this.trace.length; index++) {
      const event = this.trace[index] as TraceEvent;
      if (event.type === 'state' && event.requestId === requestId && this.kinds.get(event.holder) === 'store') return event;
      if (event.type === 'message-sent' && event.requestId === requestId && event.kind !== 'store-reply' && event.kind !== 'store-call') return undefined;
    }
    return undefined;
  }

  // ---- the exchange, the relay's choice, the state --------------------------------------------

  private exchange(requestId: number, messageId: number): MessageDetails['exchange'] {
    const hops: Hop[] = [];
    let outcome: { text: string; ok: boolean; status: number } | undefined;
    const lost = new Set<number>();
    for (const event of this.trace) {
      if (event.type === 'message-lost' && event.requestId === requestId) lost.add(event.messageId);
    }
    for (const event of this.trace) {
      if (event.type === 'message-sent' && event.requestId === requestId) {
        hops.push({ text: `${this.name(event.from)} → ${this.name(event.to)}: ${this.say(event.label)}`, current: event.messageId === messageId, lost: lost.has(event.messageId) });
      } else if (event.type === 'request-outcome' && event.requestId === requestId) {
        const words = event.ok ? event.label : failureWords(event.reason, event.server === undefined ? undefined : { en: this.nameIn(event.server, 'en'), ko: this.nameIn(event.server, 'ko') }, event.lacks);
        outcome = { text: this.say(words), ok: event.ok, status: event.status };
      }
    }
    return hops.length === 0 ? undefined : { hops, outcome };
  }

  private nameIn(id: string, language: Language): string {
    return language === this.language ? this.name(id) : id;
  }

  /** The relay's words for the hop it forwards at or before `index` in this exchange (else its first choice in it). */
  private route(requestId: number, index: number): MessageDetails['route'] {
    let first: MessageDetails['route'];
    let latest: MessageDetails['route'];
    for (let at = 0; at < this.trace.length; at++) {
      const event = this.trace[at] as TraceEvent;
      if (event.type !== 'internal-step' || event.requestId !== requestId || !this.isRelay(event.actor)) continue;
      const choice = { text: this.say(event.label), rerouted: event.rerouted === true };
      first ??= choice;
      if (at <= index + 1) latest = choice;
    }
    return latest ?? first;
  }

  private isRelay(id: string): boolean {
    return this.kinds.get(id) === 'relay';
  }

  private stateOf(requestId: number, state: StateChange[]): { state: StateChange[]; stateScope: 'message' | 'exchange' } {
    if (state.length > 0 || requestId <= 0) return { state, stateScope: 'message' };
    let first = -1;
    let last = -1;
    for (let index = 0; index < this.trace.length; index++) {
      const event = this.trace[index] as TraceEvent;
      if ('requestId' in event && event.requestId === requestId) {
        if (first < 0) first = index;
        last = index;
      }
    }
    return { state: first < 0 ? [] : this.changes(first, last + 1, requestId), stateScope: 'exchange' };
  }

  /** State events in [from, end), each with what its holder kept under that key just before. */
  private changes(from: number, end: number, requestId?: number): StateChange[] {
    const changes: StateChange[] = [];
    for (let index = from; index < end; index++) {
      const event = this.trace[index] as TraceEvent;
      if (event.type !== 'state' || (requestId !== undefined && event.requestId !== requestId)) continue;
      const before = this.before(event, index);
      const after = event.action === 'stored' || event.action === 'read' ? event.fields : [];
      changes.push({
        holder: this.name(event.holder), action: event.action, key: this.keyShown(event.key),
        before: (event.action === 'read' ? event.fields : before).map((field) => this.field(field, event.key)),
        after: (event.action === 'lost' || event.action === 'expired' || event.action === 'deleted' || event.action === 'missing') ? [] : after.map((field) => this.field(field, event.key)),
      });
    }
    return changes;
  }

  private before(event: StateEvent, index: number): readonly StateField[] {
    for (let at = index - 1; at >= 0; at--) {
      const earlier = this.trace[at] as TraceEvent;
      if (earlier.type !== 'state' || earlier.holder !== event.holder || earlier.key !== event.key) continue;
      return earlier.action === 'stored' || earlier.action === 'read' ? earlier.fields : [];
    }
    return [];
  }

  /** Session ids are shown as the cookie shows them (SID=7f3a…); a client's own state and a token have no key to show. */
  private keyShown(key: string): string {
    if (key === 'context' || key === 'token') return '';
    if (/^c\d+:/.test(key)) return '';
    return `SID=${short(key)}`;
  }

  private field(field: StateField, key: string): string {
    const value = field.value === key && key !== 'context' && key !== 'token' ? short(key) : String(field.value);
    return `${this.say(field.name)}: ${value}`;
  }
}
