// A client: what it carries between requests depends on where state lives.
import type { Context } from './model';
import type { Text } from './text';

export class Client {
  /** Session cookie (state: server or store). */
  sessionId: string | undefined;
  /** The whole conversation (state: client). */
  context: Context = {};
  /** Signed state (state: token). */
  token: string | undefined;
  /** The open TCP connection, if any. */
  connectionId: string | undefined;
  /** Requests sent so far; numbers connection ids. */
  sent = 0;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly label: Text,
  ) {}

  forgetConversation(): void {
    this.sessionId = undefined;
    this.context = {};
    this.token = undefined;
  }
}
