// Send a request from the panel: the client, the request and its parameters, as the palette asks
// for them. The host checks what is typed, as it is typed, by the palette's own rules (the
// validator's): each field says its problem in the palette's words and Send waits until none is
// left. On Send the host checks again and sends it, or answers why not, beside the fields.
import * as l10n from '@vscode/l10n';
import { participantLabel } from '../src/diagram/sequenceDiagram';
import type { ProtocolName } from '../src/engine/model';
import type { ParamSpec, RequestSpec } from '../src/engine/protocols/protocol';
import { requestsOf } from '../src/engine/protocols/registry';
import type { LabSnapshot } from '../src/engine/snapshot';
import type { Language } from '../src/engine/text';
import type { ActedMessage, LabActionArgs } from '../src/protocol/messages';
import { labelled } from './actionControls';

/** Parameters as typed → what is wrong with each, by name (the palette's messages; empty: none). */
export type RequestCheck = (request: string, params: Readonly<Record<string, string>>) => Promise<Readonly<Record<string, string>>>;

/** Typing pauses this long before the host is asked: one check per pause, not per key. */
const CHECK_PAUSE_MS = 120;

export class RequestForm {
  readonly element: HTMLFormElement;
  private readonly clientList = document.createElement('select');
  private readonly requestList = document.createElement('select');
  private readonly params = document.createElement('div');
  private readonly problem = document.createElement('p');
  private readonly sendButton = document.createElement('button');
  private protocol: ProtocolName | undefined;
  private language: Language = 'en';
  private clientsShown = '';
  /** The latest check asked for: older answers are stale. */
  private checkTicket = 0;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private invalid = false;
  private sending = false;

  constructor(private readonly submit: (args: LabActionArgs) => Promise<ActedMessage>, private readonly opener: HTMLButtonElement, private readonly check: RequestCheck) {
    this.element = document.createElement('form');
    this.element.className = 'request-form';
    this.element.hidden = true;
    this.element.setAttribute('aria-label', l10n.t('Send a request'));
    this.params.className = 'request-params';
    this.problem.className = 'request-problem';
    this.problem.setAttribute('role', 'alert');
    this.sendButton.type = 'submit';
    this.sendButton.className = 'primary';
    this.sendButton.textContent = l10n.t('Send');
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.textContent = l10n.t('Cancel');
    cancel.addEventListener('click', () => { this.close(); });
    this.requestList.addEventListener('change', () => { this.showParams(); });
    this.element.append(labelled(l10n.t('Client'), this.clientList), labelled(l10n.t('Request'), this.requestList), this.params, this.sendButton, cancel, this.problem);
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send();
    });
    this.element.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      this.close();
    });
  }

  /** The clients and the protocol's requests of the lab as it is now; what is typed stays. */
  show(lab: LabSnapshot, language: Language): void {
    const names = new Map(lab.participants.map((participant) => [participant.id, participantLabel(participant, language)]));
    const clients = lab.clients.map((client) => [client.name, names.get(client.id) ?? client.name] as const);
    const key = JSON.stringify(clients);
    if (key !== this.clientsShown) {
      const keep = this.clientList.value;
      this.clientList.replaceChildren(...clients.map(([name, label]) => new Option(label, name)));
      if (clients.some(([name]) => name === keep)) this.clientList.value = keep;
      this.clientsShown = key;
    }
    if (lab.protocol === this.protocol && language === this.language) return;
    this.protocol = lab.protocol;
    this.language = language;
    this.requestList.replaceChildren(...requestsOf(lab.protocol).map((spec) => new Option(`${spec.name} — ${spec.description[language]}`, spec.name)));
    this.showParams();
  }

  toggle(): void {
    if (this.element.hidden) this.open();
    else this.close();
  }

  private open(): void {
    this.element.hidden = false;
    this.opener.setAttribute('aria-expanded', 'true');
    this.problem.textContent = '';
    void this.validate();
    (this.clientList.options.length > 1 ? this.clientList : this.requestList).focus();
  }

  /** Folds the form away without moving the focus (the page hides what opened it). */
  hide(): void {
    this.element.hidden = true;
    this.opener.setAttribute('aria-expanded', 'false');
  }

  private close(): void {
    this.element.hidden = true;
    this.opener.setAttribute('aria-expanded', 'false');
    this.opener.focus();
  }

  private spec(): RequestSpec | undefined {
    return this.protocol === undefined ? undefined : requestsOf(this.protocol).find((spec) => spec.name === this.requestList.value);
  }

  /** One field per parameter: a list when it is one of a few words, else a box with the example in it. */
  private showParams(): void {
    const fields = (this.spec()?.params ?? []).map((param) => {
      const holder = document.createElement('span');
      holder.className = 'param-field';
      // Said beside the field, and read with it (aria-describedby) when a screen reader lands on it.
      const problem = document.createElement('span');
      problem.className = 'param-problem';
      problem.id = `param-problem-${param.name}`;
      problem.setAttribute('aria-live', 'polite');
      holder.append(labelled(param.name, this.field(param)), problem);
      return holder;
    });
    this.params.replaceChildren(...fields);
    this.problem.textContent = '';
    if (!this.element.hidden) void this.validate();
  }

  private values(request: RequestSpec): Record<string, string> {
    const params: Record<string, string> = {};
    for (const param of request.params) params[param.name] = this.control(param.name)?.value ?? '';
    return params;
  }

  private control(name: string): HTMLInputElement | HTMLSelectElement | null {
    return this.params.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${CSS.escape(name)}"]`);
  }

  /** Asks the host to check what is typed after a short pause. */
  private validateSoon(): void {
    if (this.checkTimer !== undefined) clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => {
      this.checkTimer = undefined;
      void this.validate();
    }, CHECK_PAUSE_MS);
  }

  /** Each field with its problem said beside it (or none); Send waits until every field is right. */
  private async validate(): Promise<void> {
    const request = this.spec();
    if (request === undefined) return;
    const ticket = ++this.checkTicket;
    const problems = await this.check(request.name, this.values(request));
    // Typing went on, or another request was chosen, while the host answered.
    if (ticket !== this.checkTicket || request !== this.spec()) return;
    for (const param of request.params) {
      const control = this.control(param.name);
      const said = this.params.querySelector<HTMLElement>(`#${CSS.escape(`param-problem-${param.name}`)}`);
      const problem = Object.hasOwn(problems, param.name) ? problems[param.name] : undefined;
      if (said !== null && said.textContent !== (problem ?? '')) said.textContent = problem ?? '';
      if (problem === undefined) {
        control?.removeAttribute('aria-invalid');
        control?.removeAttribute('aria-describedby');
      } else {
        control?.setAttribute('aria-invalid', 'true');
        control?.setAttribute('aria-describedby', `param-problem-${param.name}`);
      }
    }
    this.invalid = request.params.some((param) => Object.hasOwn(problems, param.name));
    this.sendButton.disabled = this.invalid || this.sending;
  }

  private field(param: ParamSpec): HTMLElement {
    const description = param.description[this.language];
    if (param.values !== undefined) {
      const list = document.createElement('select');
      list.name = param.name;
      list.title = description;
      list.replaceChildren(...param.values.map((value) => new Option(value, value)));
      if (param.values.includes(String(param.example))) list.value = String(param.example);
      list.addEventListener('change', () => { void this.validate(); });
      return list;
    }
    const input = document.createElement('input');
    input.name = param.name;
    input.title = description;
    input.placeholder = description;
    input.value = String(param.example);
    // A number is still sent as typed: the host says "must be a whole number" as the palette does.
    input.inputMode = param.type === 'integer' ? 'numeric' : 'text';
    input.addEventListener('input', () => {
      this.problem.textContent = '';
      this.validateSoon();
    });
    return input;
  }

  private async send(): Promise<void> {
    const request = this.spec();
    if (request === undefined || this.invalid) return;
    const params = this.values(request);
    this.sending = true;
    this.sendButton.disabled = true;
    const answer = await this.submit({ client: this.clientList.value, request: request.name, params });
    this.sending = false;
    this.sendButton.disabled = this.invalid;
    if (answer.ok) {
      this.close();
      return;
    }
    this.problem.textContent = answer.text;
    // The field the refusal names ("quantity: must be at most 1000") is marked and takes the focus.
    const named = request.params.find((param) => answer.text.startsWith(param.name));
    const control = named === undefined ? undefined : this.control(named.name);
    control?.setAttribute('aria-invalid', 'true');
    control?.focus();
  }
}
