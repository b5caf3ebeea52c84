// The diagram's own words: why a request failed, why a message was lost, what a crash took.
import { withParticle } from '../engine/korean';
import type { FailureReason } from '../engine/model';
import { say, type Language, type Text } from '../engine/text';
import type { FaultEvent, LossReason, RequestOutcomeEvent } from '../engine/trace';

/** Why a request failed, said once at the client; `server` is who answered, when one did. */
export function failureWords(reason: FailureReason | undefined, server: Text | undefined, lacks?: Text): Text {
  const who = server ?? say('the server', '서버');
  // A named server is the topic (점원B는 …); the server in general is the subject (서버가 …).
  const subject = withParticle(who.ko, server === undefined ? '이/가' : '은/는');
  switch (reason) {
    case 'missing-state':
      // Say exactly what it lacks: a clerk who knows the laptop but not how many does not "know nothing".
      return lacks === undefined ? say(`${who.en} does not know the earlier state`, `${subject} 이전 상태를 모름`) : say(`${who.en} does not know ${lacks.en}`, `${subject} ${lacks.ko} 모름`);
    case 'connection-reset':
      // The client's "connect again" follows as its own note, where it starts over.
      return say(`${who.en} has no such connection (RST)`, `${who.ko}에는 이 연결이 없음 (RST)`);
    case 'session-expired':
      return say('the session expired (TTL)', '세션 만료 (TTL)');
    case 'store-down':
      return say('the session store is down', '세션 저장소 장애');
    case 'no-server':
      return say('no server is up', '살아 있는 서버 없음');
    case 'server-down':
      return say(`${who.en} is down`, `${withParticle(who.ko, '이/가')} 죽어 있음`);
    case 'timeout':
      return say('no answer (timed out)', '응답 없음 (시간 초과)');
    case 'invalid-token':
      return say('the token does not verify', '토큰 검증 실패');
    case 'server-error':
      return say('server error', '서버 오류');
    case 'not-logged-in':
      return say('not logged in', '로그인하지 않음');
    case 'rejected':
    case undefined:
      return say('refused', '거절됨');
  }
}

/** Why a request did not succeed: a request the client refused itself (no server saw it: TCP data with no connection) in the client's own words, else as its reason says. */
export function outcomeWords(outcome: RequestOutcomeEvent, server: Text | undefined): Text {
  return refusedByClient(outcome) ? outcome.label : failureWords(outcome.reason, server, outcome.lacks);
}

/** The client refused the request itself: no server was asked. */
export function refusedByClient(outcome: RequestOutcomeEvent): boolean {
  return !outcome.ok && outcome.reason === 'rejected' && outcome.server === undefined;
}

/** Answers that are the protocol working as meant (a 401 without a login, an unknown item): not failures. */
export function isOrdinaryRefusal(reason: FailureReason | undefined): boolean {
  // An idle session that outlived its TTL is the store doing its job, too.
  return reason === 'not-logged-in' || reason === 'rejected' || reason === 'session-expired';
}

export const LOSS_WORDS: Readonly<Record<LossReason, Text>> = {
  dropped: say('lost on the network', '네트워크에서 유실'),
  'server-down': say('the server is down', '서버가 죽어 있음'),
  'store-down': say('the store is down', '저장소가 죽어 있음'),
};

export const FAULT_MARKS: Readonly<Record<FaultEvent['fault'], string>> = {
  crash: '💥', restart: '🔄', 'add-server': '➕', 'remove-server': '➖', 'store-down': '💥', 'store-up': '🔄', 'drop-next': '', 'error-next': '', wait: '⏳',
};

/** What a crash took from memory, counted with its noun: 세션 1개 소실, 1 connection lost. */
export function lostWords(sessions: number, connections: number, language: Language): string {
  const parts: string[] = [];
  if (sessions > 0) parts.push(language === 'en' ? `${sessions} session${sessions === 1 ? '' : 's'}` : `세션 ${sessions}개`);
  if (connections > 0) parts.push(language === 'en' ? `${connections} connection${connections === 1 ? '' : 's'}` : `연결 ${connections}개`);
  return language === 'en' ? `${parts.join(' and ')} lost` : `${parts.join(', ')} 소실`;
}

export const SESSION_DELETED = say('( session deleted )', '( 세션 삭제 )');
export const CONNECTION_CLOSED = say('CLOSED', 'CLOSED (연결 종료)');
export const SAME_AS_ABOVE = say('( the same items as above )', '( 위와 같은 항목 )');

/** How wide a label is on screen, in units of a Latin letter: a Hangul syllable is about 1.8 of them in Mermaid's font. */
function width(text: string): number {
  let units = 0;
  for (const char of text) units += /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/u.test(char) ? 1.8 : 1;
  return units;
}

/** A long label broken at spaces into lines of about `max` units, so a diagram stays narrow enough for a note. */
export function wrapLabel(text: string, max = 40): string {
  if (width(text) <= max || text.includes('\n')) return text;
  const lines: string[] = [];
  let line = '';
  // A no-break space keeps words together ("상태 유지", "state kept").
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && width(candidate) > max) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  lines.push(line);
  // No word alone on the last line ("…이전 상태를 / 모름"): it takes the word before it along.
  const last = lines[lines.length - 1] ?? '';
  const before = lines[lines.length - 2];
  if (before !== undefined && !last.includes(' ') && width(last) <= 6 && before.includes(' ')) {
    const cut = before.lastIndexOf(' ');
    const moved = `${before.slice(cut + 1)} ${last}`;
    if (width(moved) <= max) lines.splice(lines.length - 2, 2, before.slice(0, cut), moved);
  }
  return lines.join('\n');
}

// Longest name, label and title a diagram shows (names may be 80 characters; escaped, some grow
// eightfold). Names are clipped in the engine's words: scenario files are refused where two names draw alike.
export { clip } from '../engine/text';
export { MAX_NAME_SHOWN } from '../engine/names';
export const MAX_LABEL_SHOWN = 300;
