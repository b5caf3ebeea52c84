// Send a request from the panel: the client, the request and its parameters, as the palette asks
// for them. The form only gathers what is typed; the host checks it by the palette's rules (the
// validator's) and sends it, or answers why not, and the form says that beside the fields.
import * as l10n from '@vscode/l10n';
import { participantLabel } from '../src/diagram/sequenceDiagram';
import type { ProtocolName } from '../src/engine/model';
import type { ParamSpec, RequestSpec } from '../src/engine/protocols/protocol';
import { requestsOf } from '../src/engine/protocols/registry';
import type { LabSnapshot } from '../src/engine/snapshot';
import type { Language } from '../src/engine/text';
import type { ActedMessage, LabActionArgs } from '../src/protocol/messages';
import { labelled } from './actionControls';

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

  constructor(private readonly submit: (args: LabActionArgs) => Promise<ActedMessage>, private readonly opener: HTMLButtonElement) {
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
    (this.clientList.options.length > 1 ? this.clientList : this.requestList).focus();
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
    const fields = (this.spec()?.params ?? []).map((param) => labelled(param.name, this.field(param)));
    this.params.replaceChildren(...fields);
    this.problem.textContent = '';
  }

  private field(param: ParamSpec): HTMLElement {
    const description = param.description[this.language];
    if (param.values !== undefined) {
      const list = document.createElement('select');
      list.name = param.name;
      list.title = description;
      list.replaceChildren(...param.values.map((value) => new Option(value, value)));
      if (param.values.includes(String(param.example))) list.value = String(param.example);
      return list;
    }
    const input = document.createElement('input');
    input.name = param.name;
    input.title = description;
    input.placeholder = description;
    input.value = String(param.example);
    // A number is still sent as typed: the host says "must be a whole number" as the palette does.
    input.inputMode = param.type === 'integer' ? 'numeric' : 'text';
    input.addEventListener('input', () => { this.problem.textContent = ''; input.removeAttribute('aria-invalid'); });
    return input;
  }

  private async send(): Promise<void> {
    const request = this.spec();
    if (request === undefined) return;
    const params: Record<string, string> = {};
    for (const param of request.params) {
      const control = this.params.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${CSS.escape(param.name)}"]`);
      params[param.name] = control?.value ?? '';
    }
    this.sendButton.disabled = true;
    const answer = await this.submit({ client: this.clientList.value, request: request.name, params });
    this.sendButton.disabled = false;
    if (answer.ok) {
      this.close();
      return;
    }
    this.problem.textContent = answer.text;
    // The field the refusal names ("quantity: must be at most 1000") is marked and takes the focus.
    const named = request.params.find((param) => answer.text.startsWith(param.name));
    const control = named === undefined ? undefined : this.params.querySelector<HTMLElement>(`[name="${CSS.escape(named.name)}"]`);
    control?.setAttribute('aria-invalid', 'true');
    control?.focus();
  }
}
