// What a protocol defines: its requests, their parameters, and how a server serves them.
import type { Context, ParamValue, Params } from '../model';
import type { Text } from '../text';

/** Shared by every result without internal steps (no array per request). */
export const NO_STEPS: readonly Text[] = [];

export interface ParamSpec {
  readonly name: string;
  readonly type: 'string' | 'integer';
  /** The allowed values, when the parameter is one of a few words. */
  readonly values?: readonly string[];
  readonly example: ParamValue;
  readonly description: Text;
}

export interface RequestSpec {
  readonly name: string;
  readonly params: readonly ParamSpec[];
  readonly description: Text;
  /** How it would travel over HTTP: a question is a GET (its parameters in the query), what changes the conversation a POST. */
  readonly method?: 'GET' | 'POST';
}

export interface ServeInput {
  readonly request: string;
  readonly params: Params;
  /** The conversation so far, however it reached the server; empty when there is none. */
  readonly context: Context;
  /** True when the client repeated the context in its request (state: client or token). */
  readonly carried: boolean;
  /** True when the request came with a conversation to continue (a cookie, a token, a repeated context). */
  readonly resumed: boolean;
  readonly sessionId: string;
  readonly now: number;
}

export type ServeResult =
  | {
      readonly ok: true;
      readonly steps: readonly Text[];
      /** The conversation after this request; null ends it (logout). */
      readonly context: Context | null;
      readonly reply: Text;
      /** The step a server shows when it keeps the state itself. */
      readonly storeStep?: Text;
    }
  | {
      readonly ok: false;
      readonly steps: readonly Text[];
      /** The request continues a conversation the server does not have: a failure of state. */
      readonly missingState: boolean;
      /** What exactly the server did not know (무엇을 살지, this login), said in the failure's note. */
      readonly lacks?: Text;
      /** The request needs a login and came without one: an ordinary 401, not a failure of state. */
      readonly unauthenticated?: boolean;
      readonly reply: Text;
    };

/** A request/response protocol whose conversation state can live anywhere (shop, login). */
export interface ConversationProtocol {
  readonly name: 'shop' | 'login';
  readonly requests: readonly RequestSpec[];
  /** The words of a request; `carried` is the context the client repeats when it keeps the state. */
  requestLabel(request: string, params: Params, carried: Context | undefined): Text;
  serve(input: ServeInput): ServeResult;
  fieldName(field: string): Text;
  /** A kept conversation in words, as a diagram's note shows it. */
  /** What a note shows of the state; `inToken`: the client carries it, signed, so it is no state the server keeps. */
  describeState(context: Context, inToken?: boolean): Text;
}
