// The lab page: says ready, keeps the live run, draws it in segments, reports back.
import type { Detail } from '../src/diagram/detail';
import { LiveDiagram, type LivePart } from '../src/diagram/liveDiagram';
import type { DetailLevel } from '../src/engine/model';
import type { Language } from '../src/engine/text';
import type { Participant } from '../src/engine/trace';
import { parseHostToWebview, type CollectPngMessage, type CollectSvgMessage, type EventsMessage, type HostToWebviewMessage, type PacingMessage, type ShowDiagramMessage, type SnapshotMessage } from '../src/protocol/messages';
import { ActionBar } from './actionBar';
import { Controls } from './controls';
import { DetailControl } from './detailControl';
import { diagramActions } from './diagramActions';
import { DiagramRenderer } from './diagramRenderer';
import { FirstPaint } from './firstPaint';
import * as l10n from '@vscode/l10n';
import { loadTranslations } from './l10n';
import { renderInspector } from './inspector';
import { InspectorFold } from './inspectorFold';
import { LiveRun } from './liveRun';
import { LookInside } from './lookInside';
import { MessageList } from './messageList';
import { TopologyPicture } from './topologyPicture';
import { SegmentedDiagram, type RenderReport } from './segmentedDiagram';
import { panelBackground, pngBase64, svgToPng } from './pngExport';
import { standaloneSvg } from './svgExport';
import { connectToHost } from './vscodeApi';
import { Zoom } from './zoom';

/** Messages per live segment: Mermaid redraws whole diagrams (~75 ms for 50 messages here, ~115 ms
 * for 100), and a batch may wait for one render before its own: small tails keep appends quick. */
const MESSAGES_PER_SEGMENT = 50;

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The lab page has no #${id}`);
  return found;
}

function messageListElement(): HTMLOListElement {
  const found = element('message-list');
  if (!(found instanceof HTMLOListElement)) throw new Error('#message-list is not a list');
  return found;
}

/** Sets up the lab page and says ready; everything after lives in the handlers it installs. */
export function startLab(): void {
  // Before anything is drawn: every label below comes through l10n.t().
  loadTranslations();
  const host = connectToHost();
  const status = element('status');
  const title = element('diagram-title');
  const scroller = element('diagram-scroller');
  const run = new LiveRun();
  let language: Language = 'en';
  let live = new LiveDiagram([], language, MESSAGES_PER_SEGMENT);
  /** How much the diagram draws, and the folded exchanges the person opened (by request id). */
  let detailLevel: DetailLevel = 'hop';
  const expanded = new Set<number>();
  /** Everyone in the lab now (servers added mid-run too): a redraw at another detail names them all. */
  let participants: readonly Participant[] = [];
  /** Exchanges drawn folded right now: a click on one opens it. */
  let foldedNow = new Set<number>();
  const renderer = new DiagramRenderer();
  const firstPaint = new FirstPaint(host, document.getElementById('first-paint'));
  // Step (→) while looking back moves the look forwards; at the present it moves the run.
  const controls = new Controls(element('controls'), (action) => { if (!(action === 'step' && inside.stepForward())) host.postMessage({ type: 'control', action }); });
  const messages = new MessageList(messageListElement(), (eventIndex) => { inside.open(eventIndex); });
  const topology = new TopologyPicture(element('inspector'));
  const actionBar = new ActionBar(element('lab-actions'), (requestId, action, args) => { host.postMessage({ type: 'act', requestId, action, args }); }, (requestId, request, params) => { host.postMessage({ type: 'checkRequest', requestId, request, params }); });
  diagramActions(element('actions'), (command) => { host.postMessage({ type: 'command', command }); }, () => { void copyImage(0); });
  const detailControl = new DetailControl(element('actions'), (level) => {
    host.postMessage({ type: 'detail', level });
    detailLevel = level;
    expanded.clear();
    redrawAtDetail();
  });

  function reported(report: RenderReport): void {
    firstPaint.drawn();
    if (report.error !== undefined) {
      status.textContent = l10n.t('The diagram could not be drawn: {0}', report.error);
      status.classList.add('error');
      host.postMessage({ type: 'renderFailed', error: report.error });
      return;
    }
    status.textContent = '';
    status.classList.remove('error');
    if (report.tail) {
      follow();
      firstPaint.tailDrawn(() => ({ svg: diagram.tailSvg(), title: title.textContent }));
    }
    host.postMessage({ type: 'rendered', svgLength: report.svgLength, elapsedMs: report.elapsedMs });
  }

  const diagram = new SegmentedDiagram(element('diagram'), renderer, reported, (index, holder) => { inside.shown(index, holder); }, scroller);
  const inside = new LookInside({ onOpen: (eventIndex) => { openFolded(eventIndex); }, layout: scroller.parentElement ?? document.body, inspector: element('inspector'), diagram: element('diagram'), scroller, controls: element('controls'), showState: (lab, metrics, language) => { renderInspector(element('inspector'), lab, metrics, language); topology.show(lab, language); }, onLook: (live) => { controls.lookBack(!live); } }, diagram, () => messages);
  // Pan and zoom, and the inspector's fold, live on their own: wired to the page, nothing else needs them.
  new Zoom(scroller, element('diagram'), element('controls'));
  new InspectorFold(element('inspector'), element('controls'));

  function detail(): Detail {
    return { level: detailLevel, expanded, expandable: true };
  }

  function drawn(parts: readonly LivePart[]): readonly LivePart[] {
    foldedNow = new Set(parts.flatMap((part) => part.folded));
    return parts;
  }

  /** The whole run drawn again (another detail, an exchange opened); what the person looks at stays. */
  function redrawAtDetail(): void {
    live = new LiveDiagram(participants, language, MESSAGES_PER_SEGMENT, detail());
    diagram.update(drawn(live.update(run.events)));
  }

  /** A click (or Enter in the list) on a folded exchange opens it: drawn message by message from now on. */
  function openFolded(eventIndex: number): void {
    const event = run.events[eventIndex];
    const requestId = event !== undefined && 'requestId' in event ? event.requestId : undefined;
    if (requestId === undefined || !foldedNow.has(requestId)) return;
    expanded.add(requestId);
    redrawAtDetail();
  }

  /** Following the present: the page stays at the live tail, which is then drawn as it comes into view. */
  let followFrame: number | undefined;
  /** Keeps the tail in view. At the next frame, once: reading the height now would lay the whole
   * panel out in the middle of each batch's changes, and again after each render. */
  function follow(): void {
    followFrame ??= requestAnimationFrame(() => {
      followFrame = undefined;
      if (controls.following && inside.live) scroller.scrollTop = scroller.scrollHeight;
    });
  }

  /**
   * `more`: further pieces of the same run follow at once (a long run comes in pieces). The diagram's
   * text and its sections keep up piece by piece (each piece's work stays small), but the page draws
   * and follows at the last one: drawing the tail after every piece would be hundreds of Mermaid
   * renders thrown away.
   */
  function redraw(inspector: SnapshotMessage['inspector'], metrics: SnapshotMessage['metrics'], more = false): void {
    diagram.update(drawn(live.update(run.events)), !more);
    messages.sync(run.events, language);
    if (more) return;
    follow();
    // The inspector shows the present, unless the person is looking back.
    inside.grew(run.events, inspector, metrics);
  }

  function showDiagram(message: ShowDiagramMessage): void {
    title.textContent = message.title;
    diagram.update([{ heading: '', mermaid: message.mermaid }]);
  }

  function snapshot(message: SnapshotMessage): void {
    title.textContent = message.title;
    language = message.language;
    firstPaint.story(message.scenarioId);
    run.replace(message.participants, message.events);
    participants = message.participants;
    detailLevel = message.detail ?? 'hop';
    expanded.clear();
    detailControl.show(detailLevel);
    live = new LiveDiagram(message.participants, language, MESSAGES_PER_SEGMENT, detail());
    messages.reset(message.participants, language);
    controls.show(message.pacing, message.real);
    actionBar.source(message.real);
    actionBar.show(message.inspector, language);
    inside.reset(message.inspector, message.metrics, language);
    redraw(message.inspector, message.metrics, message.more === true);
  }

  function events(message: EventsMessage): void {
    const result = run.append(message.fromSeq, message.events);
    if (result === 'gap') {
      host.postMessage({ type: 'needSnapshot', reason: `expected event ${run.lastSeq + 1}, got ${message.fromSeq}` });
      return;
    }
    if (result === 'duplicate') return;
    // Servers added since the snapshot are in the lab's participants: the diagram and the list name them.
    live.meet(message.inspector.participants);
    if (message.inspector.participants.length > participants.length) participants = message.inspector.participants;
    messages.meet(message.inspector.participants, language);
    actionBar.show(message.inspector, language);
    redraw(message.inspector, message.metrics, message.more === true);
  }

  /** The whole diagram as one SVG file, not only the part near the view that the page holds. */
  async function wholeSvg(): Promise<string> {
    return standaloneSvg(await diagram.wholeSvgs());
  }

  async function collectSvg(message: CollectSvgMessage): Promise<void> {
    host.postMessage({ type: 'svg', requestId: message.requestId, svg: await wholeSvg() });
  }

  function problem(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
  }

  /** The drawn diagram, or each of `blocks` drawn on its own, as PNGs for the host. */
  async function collectPng(message: CollectPngMessage): Promise<void> {
    try {
      const background = panelBackground();
      const svgs: string[] = [];
      if (message.blocks.length === 0) svgs.push(await wholeSvg());
      for (const block of message.blocks) {
        const outcome = await renderer.render(block);
        if (outcome.kind === 'failed') throw new Error(outcome.error);
        svgs.push(outcome.svg);
      }
      if (svgs.some((svg) => svg === '')) throw new Error(l10n.t('The lab has not drawn a diagram yet.'));
      const pngs: string[] = [];
      for (const svg of svgs) pngs.push(await pngBase64(await svgToPng(svg, background)));
      host.postMessage({ type: 'png', requestId: message.requestId, pngs, error: '' });
    } catch (error) {
      host.postMessage({ type: 'png', requestId: message.requestId, pngs: [], error: problem(error).slice(0, 2000) });
    }
  }

  /** Puts the drawn diagram on the clipboard as a PNG (chats and most note apps paste images). */
  async function copyImage(requestId: number): Promise<void> {
    try {
      const background = panelBackground();
      // The clipboard takes a promise of the image, so the click still counts as the user's gesture.
      const png = wholeSvg().then((svg) => {
        if (svg === '') throw new Error(l10n.t('The lab has not drawn a diagram yet.'));
        return svgToPng(svg, background);
      });
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
      status.textContent = l10n.t('Copied the diagram as an image.');
      host.postMessage({ type: 'imageCopied', requestId, ok: true, error: '' });
    } catch (error) {
      status.textContent = l10n.t('The image could not be copied: {0}', problem(error));
      host.postMessage({ type: 'imageCopied', requestId, ok: false, error: problem(error).slice(0, 2000) });
    }
  }

  function pacing(message: PacingMessage): void {
    controls.paced(message);
  }

  function dispatch(message: HostToWebviewMessage): void {
    switch (message.type) {
      case 'showDiagram':
        showDiagram(message);
        return;
      case 'snapshot':
        snapshot(message);
        return;
      case 'events':
        events(message);
        return;
      case 'pacing':
        pacing(message);
        return;
      case 'collectSvg':
        void collectSvg(message);
        return;
      case 'collectPng':
        void collectPng(message);
        return;
      case 'notice':
        status.textContent = message.text;
        status.classList.toggle('error', message.error);
        return;
      case 'copyImage':
        window.focus();
        void copyImage(message.requestId);
        return;
      case 'look':
        if (message.move === 'back') inside.stepBack();
        else if (message.move === 'live') inside.goLive();
        else if (!inside.stepForward()) host.postMessage({ type: 'control', action: 'step' });
        break;
      case 'acted':
        actionBar.acted(message);
        return;
      case 'requestChecked':
        actionBar.checked(message);
        return;
    }
  }

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const parsed = parseHostToWebview(event.data);
    if (!parsed.ok) {
      console.warn(`[protocol-lab] ignored a message from the host: ${parsed.error}`);
      return;
    }
    dispatch(parsed.message);
  });

  // VS Code switches themes by changing the body's classes.
  new MutationObserver(() => { if (renderer.themeChanged()) diagram.invalidate(); }).observe(document.body, { attributes: true, attributeFilter: ['class'] });

  host.postMessage({ type: 'ready' });
}
