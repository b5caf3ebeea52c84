// The panel's action bar: what the palette does to the running lab (send a request, crash /
// restart / add / remove a server, the store down / up, where state lives, the relay policy), as
// buttons and lists. It only asks: the host carries each action out with the palette's own code
// and rules, and answers with `acted`; a refusal is said here, where the person acted.
import * as l10n from '@vscode/l10n';
import { participantLabel } from '../src/diagram/sequenceDiagram';
import { RELAY_POLICIES, STATE_PLACEMENTS, type StatePlacement } from '../src/engine/model';
import type { LabSnapshot } from '../src/engine/snapshot';
import type { Language } from '../src/engine/text';
import type { ActedMessage, LabAction, LabActionArgs, RealSource, RequestCheckedMessage } from '../src/protocol/messages';
import { iconButton, labelled } from './actionControls';
import { RequestForm } from './requestForm';

export type ActSender = (requestId: number, action: LabAction, args: LabActionArgs) => void;
/** Asks the host to check a request's parameters as typed; the answer comes to `checked`. */
export type CheckSender = (requestId: number, request: string, params: Readonly<Record<string, string>>) => void;

function stateWords(state: StatePlacement): string {
  switch (state) {
    case 'server': return l10n.t('on the server');
    case 'client': return l10n.t('with the client');
    case 'store': return l10n.t('in a shared store');
    case 'token': return l10n.t('in a signed token');
  }
}

/** Puts `values` into a list, keeping what is chosen; touches the DOM only when something changed. */
function syncOptions(select: HTMLSelectElement, values: readonly (readonly [value: string, text: string])[], chosen?: string): void {
  const same = select.options.length === values.length && values.every(([value, text], index) => select.options.item(index)?.value === value && select.options.item(index)?.text === text);
  if (!same) {
    const keep = select.value;
    select.replaceChildren(...values.map(([value, text]) => new Option(text, value)));
    if (values.some(([value]) => value === keep)) select.value = keep;
  }
  if (chosen !== undefined && select.value !== chosen && document.activeElement !== select) select.value = chosen;
}

export class ActionBar {
  private nextRequest = 1;
  private readonly waiting = new Map<number, (answer: ActedMessage) => void>();
  private readonly checking = new Map<number, (problems: Readonly<Record<string, string>>) => void>();
  private readonly status: HTMLElement;
  private readonly serverList: HTMLSelectElement;
  private readonly crash: HTMLButtonElement;
  private readonly restart: HTMLButtonElement;
  private readonly remove: HTMLButtonElement;
  private readonly storeGroup: HTMLElement;
  private readonly storeButton: HTMLButtonElement;
  private readonly stateList: HTMLSelectElement;
  private readonly relayList: HTMLSelectElement;
  private readonly form: RequestForm;
  private readonly sendGroup: HTMLElement;
  private readonly stateGroup: HTMLElement;
  private readonly add: HTMLButtonElement;
  private lab: LabSnapshot | undefined;
  /** Real traffic or a real-sockets run: only what applies to it is offered. */
  private real: RealSource | undefined;

  constructor(private readonly root: HTMLElement, private readonly send: ActSender, private readonly sendCheck: CheckSender) {
    const sendButton = iconButton('send', l10n.t('Send request'), l10n.t('Send a request from a client (pick the request and its parameters)'), () => { this.form.toggle(); });
    sendButton.setAttribute('aria-expanded', 'false');
    this.serverList = document.createElement('select');
    this.serverList.title = l10n.t('The server the buttons beside act on');
    this.serverList.addEventListener('change', () => { this.enableServerButtons(); });
    this.crash = iconButton('debug-stop', l10n.t('Crash'), l10n.t('Crash the chosen server: it loses what it kept in memory'), () => { this.act('crashServer', { server: this.serverList.value }); });
    this.restart = iconButton('debug-restart', l10n.t('Restart'), l10n.t('Restart the chosen server (it comes back empty)'), () => { this.act('restartServer', { server: this.serverList.value }); });
    this.remove = iconButton('remove', l10n.t('Remove'), l10n.t('Take the chosen server out of the lab'), () => { this.act('removeServer', { server: this.serverList.value }); });
    this.add = iconButton('add', l10n.t('Add server'), l10n.t('Add a server to the lab (you name it)'), () => { this.act('addServer', {}); });
    this.storeButton = iconButton('debug-disconnect', l10n.t('Store down'), l10n.t('Take the session store down'), () => { this.act(this.lab?.store?.up === false ? 'storeUp' : 'storeDown', {}); });
    this.storeGroup = document.createElement('span');
    this.storeGroup.className = 'act-group';
    this.storeGroup.append(this.storeButton);
    this.stateList = document.createElement('select');
    this.stateList.title = l10n.t('Where the conversation state lives; changing it replays the story from the start');
    syncOptions(this.stateList, STATE_PLACEMENTS.map((state) => [state, stateWords(state)]));
    this.stateList.addEventListener('change', () => { this.act('setStatePlacement', { state: this.stateList.value as StatePlacement }); });
    this.relayList = document.createElement('select');
    this.relayList.title = l10n.t('How the relay picks a server; changing it replays the story from the start');
    syncOptions(this.relayList, RELAY_POLICIES.map((policy) => [policy, policy]));
    this.relayList.addEventListener('change', () => { this.act('setRelayPolicy', { relay: this.relayList.value as (typeof RELAY_POLICIES)[number] }); });

    const group = (...children: HTMLElement[]): HTMLElement => {
      const span = document.createElement('span');
      span.className = 'act-group';
      span.append(...children);
      return span;
    };
    this.status = document.createElement('span');
    this.status.className = 'act-status';
    this.status.setAttribute('role', 'status');
    this.form = new RequestForm((args) => this.ask('sendRequest', args), sendButton, (request, params) => this.askCheck(request, params));
    this.sendGroup = group(sendButton);
    this.stateGroup = group(labelled(l10n.t('State'), this.stateList));
    root.append(
      this.sendGroup,
      group(labelled(l10n.t('Server'), this.serverList), this.crash, this.restart, this.remove, this.add),
      this.storeGroup,
      this.stateGroup,
      group(labelled(l10n.t('Relay'), this.relayList)),
      this.status,
      this.form.element,
    );
    // The pane's shortcuts (Space, →, R…) belong to the run; here keys work the lists and the form.
    root.addEventListener('keydown', (event) => { event.stopPropagation(); });
  }

  /**
   * What the panel shows from now on. Real traffic keeps what a proxy can do (an upstream out of
   * the turn and back, the policy for the next request); the person's app sends the requests and
   * keeps its own state. A real-sockets run is finished, shown as it came out: nothing to act on.
   */
  source(real: RealSource | undefined): void {
    this.real = real;
    const traffic = real === 'traffic';
    this.root.hidden = real === 'sockets';
    this.sendGroup.hidden = traffic;
    this.remove.hidden = traffic;
    this.add.hidden = traffic;
    this.stateGroup.hidden = traffic;
    if (traffic) this.form.hide();
    this.relayList.title = traffic ? l10n.t('How the proxy picks an upstream for the next request') : l10n.t('How the relay picks a server; changing it replays the story from the start');
  }

  /** The lab as it is now: which servers there are and which are up, the store, the settings. */
  show(lab: LabSnapshot, language: Language): void {
    this.lab = lab;
    const names = new Map(lab.participants.map((participant) => [participant.id, participantLabel(participant, language)]));
    syncOptions(this.serverList, lab.servers.map((server) => [server.name, `${names.get(server.id) ?? server.label[language]} (${server.up ? l10n.t('up') : l10n.t('down')})`]));
    this.enableServerButtons();
    this.storeGroup.hidden = lab.store === undefined || this.real === 'traffic';
    const storeUp = lab.store?.up !== false;
    this.storeButton.querySelector('.act-text')?.replaceChildren(storeUp ? l10n.t('Store down') : l10n.t('Store up'));
    this.storeButton.querySelector('.codicon')?.setAttribute('class', `codicon codicon-${storeUp ? 'debug-disconnect' : 'plug'}`);
    const storeTip = storeUp ? l10n.t('Take the session store down') : l10n.t('Bring the session store back up');
    this.storeButton.title = storeTip;
    this.storeButton.setAttribute('aria-label', storeTip);
    syncOptions(this.stateList, STATE_PLACEMENTS.map((state) => [state, stateWords(state)]), lab.state);
    // A proxy always routes: "none" is a story without a relay.
    const policies = this.real === 'traffic' ? RELAY_POLICIES.filter((policy) => policy !== 'none') : RELAY_POLICIES;
    syncOptions(this.relayList, policies.map((policy) => [policy, policy]), lab.relay?.policy ?? 'none');
    this.form.show(lab, language);
  }

  /** The host's answer to one of our actions. */
  acted(message: ActedMessage): void {
    const settle = this.waiting.get(message.requestId);
    if (settle === undefined) return;
    this.waiting.delete(message.requestId);
    settle(message);
  }

  /** The host's answer to a check of the request form. */
  checked(message: RequestCheckedMessage): void {
    const settle = this.checking.get(message.requestId);
    if (settle === undefined) return;
    this.checking.delete(message.requestId);
    settle(message.problems);
  }

  private askCheck(request: string, params: Readonly<Record<string, string>>): Promise<Readonly<Record<string, string>>> {
    const requestId = this.nextRequest++;
    // Only the latest check matters: an older one that never gets an answer is not kept waiting.
    for (const [older, settle] of this.checking) {
      settle({});
      this.checking.delete(older);
    }
    return new Promise((settle) => {
      this.checking.set(requestId, settle);
      this.sendCheck(requestId, request, params);
    });
  }

  private enableServerButtons(): void {
    const server = this.lab?.servers.find((candidate) => candidate.name === this.serverList.value);
    this.crash.disabled = server?.up !== true;
    this.restart.disabled = server === undefined || server.up;
    this.remove.disabled = server === undefined;
  }

  /** Sends an action; its answer is said in the bar's status line. */
  private act(action: LabAction, args: LabActionArgs): void {
    void this.ask(action, args).then((answer) => {
      this.status.textContent = answer.text;
      this.status.classList.toggle('error', !answer.ok);
    });
  }

  private ask(action: LabAction, args: LabActionArgs): Promise<ActedMessage> {
    const requestId = this.nextRequest++;
    this.status.textContent = '';
    this.status.classList.remove('error');
    return new Promise((settle) => {
      this.waiting.set(requestId, settle);
      this.send(requestId, action, args);
    });
  }
}
