// The trace: what happened in a run, in order. It is the single source for diagrams,
// notes, the inspector and the metrics.
import type { Context, FailureReason, ParamValue } from './model';
import { same, type Text } from './text';

export type ActorKind = 'client' | 'relay' | 'server' | 'store';

export interface Participant {
  /** Stable generated id (c1, relay, s1, store): safe in any diagram syntax. */
  readonly id: string;
  readonly kind: ActorKind;
  /** The name steps and commands use: free text, any language. */
  readonly name: string;
  /** What diagrams call it, in each language. */
  readonly label: Text;
  /** A relay the story is not about: its hops are drawn as one arrow, when that can be done. */
  readonly hidden?: boolean;
  /** A server whose routine steps (Verify Request) the story does not draw: its messages and state still are. */
  readonly quiet?: boolean;
}

export type MessageKind = 'request' | 'response' | 'packet' | 'store-call' | 'store-reply';

export type LossReason = 'dropped' | 'server-down' | 'store-down';

interface Stamp {
  /** Position in the trace, from 1. */
  readonly seq: number;
  /** Virtual time in milliseconds. */
  readonly time: number;
}

/** What every message carries, on the wire and in the trace. */
export interface MessageFields {
  readonly messageId: number;
  readonly requestId: number;
  readonly kind: MessageKind;
  readonly from: string;
  readonly to: string;
  readonly label: Text;
  /** A header worth showing under the label (Cookie: SID=7f3a…), when the message has one. */
  readonly detail: Text | undefined;
}

export interface MessageSentEvent extends Stamp, MessageFields {
  readonly type: 'message-sent';
  readonly bytes: number;
}

export interface MessageDeliveredEvent extends Stamp, MessageFields {
  readonly type: 'message-delivered';
}

export interface MessageLostEvent extends Stamp, MessageFields {
  readonly type: 'message-lost';
  readonly reason: LossReason;
}

/** Something an actor does by itself (Verify Request, Store Client Information; the relay's choice of server). */
export interface InternalStepEvent extends Stamp {
  readonly type: 'internal-step';
  readonly actor: string;
  readonly requestId: number;
  readonly label: Text;
  /** The relay's choice: the server the request would have gone to is down, so it went on to another. */
  readonly rerouted?: boolean;
}

export type StateAction = 'stored' | 'read' | 'lost' | 'missing' | 'expired' | 'deleted';

export interface StateEvent extends Stamp {
  readonly type: 'state';
  readonly action: StateAction;
  /** Who holds (or held) the state: a server, the store, or a client. */
  readonly holder: string;
  /** The session key or connection id. */
  readonly key: string;
  readonly fields: readonly StateField[];
  /** The state in words, as a note shows it: ( 노트북, 2개 상태 유지 ), ESTABLISHED … */
  readonly shown: Text;
  readonly requestId: number;
}

export interface StateField {
  readonly name: Text;
  readonly value: ParamValue;
}

export type FaultKind = 'crash' | 'restart' | 'add-server' | 'remove-server' | 'store-down' | 'store-up' | 'drop-next' | 'error-next' | 'wait';

export interface FaultEvent extends Stamp {
  readonly type: 'fault';
  readonly fault: FaultKind;
  /** The server or store concerned, when there is one. */
  readonly target?: string;
  readonly label: Text;
}

export interface RequestStartedEvent extends Stamp {
  readonly type: 'request-started';
  readonly requestId: number;
  readonly client: string;
  readonly request: string;
  readonly params: Readonly<Record<string, ParamValue>>;
}

export interface RequestOutcomeEvent extends Stamp {
  readonly type: 'request-outcome';
  readonly requestId: number;
  readonly client: string;
  readonly request: string;
  readonly ok: boolean;
  readonly status: number;
  readonly reason?: FailureReason | undefined;
  /** The server that answered, if one did. */
  readonly server?: string | undefined;
  readonly label: Text;
  /** A failure of state: what exactly the server did not know. */
  readonly lacks?: Text | undefined;
}

/** Start, middle and end of an alternative such as "Server Error" / "Success". */
export interface GroupEvent extends Stamp {
  readonly type: 'group';
  readonly phase: 'start' | 'else' | 'end';
  readonly label: Text;
}

/** Real traffic folded for drawing: `count` more exchanges like the one drawn just before, or earlier ones left out. */
export interface FoldedEvent extends Stamp {
  readonly type: 'folded';
  readonly count: number;
  /** The lifelines the note spans (the client and the proxy). */
  readonly between: readonly string[];
  readonly label: Text;
}

export type TraceEvent =
  | MessageSentEvent
  | MessageDeliveredEvent
  | MessageLostEvent
  | InternalStepEvent
  | StateEvent
  | FaultEvent
  | RequestStartedEvent
  | RequestOutcomeEvent
  | GroupEvent
  | FoldedEvent;

/** The fields of a context in the order they were set (the order a note shows them in). */
export function contextFields(context: Context, names: { fieldName(key: string): Text } | undefined): StateField[] {
  // A loop rather than keys().map(closure): this runs for every stored state in long runs.
  const fields: StateField[] = [];
  for (const key in context) fields.push({ name: names?.fieldName(key) ?? same(key), value: context[key] as ParamValue });
  return fields;
}
