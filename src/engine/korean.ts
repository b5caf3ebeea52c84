// Korean particles after a word: 서버2로, 서버3으로, 노트북을, 카드를. es-hangul picks the particle
// from the last syllable; names end in digits and Latin letters too, so those are first read
// the way a Korean speaker says them (3 → 삼, B → 비, kim → 킴).
import { josa, numberToHangul } from 'es-hangul';

export type Particle = '이/가' | '을/를' | '은/는' | '으로/로' | '와/과' | '이에요/예요';

/** How a Latin letter at the end of a word is said: only whether it ends in a consonant matters. */
const LETTER_NAMES: ReadonlyMap<string, string> = new Map(Object.entries({
  a: '에이', b: '비', c: '씨', d: '디', e: '이', f: '에프', g: '지', h: '에이치', i: '아이', j: '제이', k: '케이', l: '엘', m: '엠',
  n: '엔', o: '오', p: '피', q: '큐', r: '알', s: '에스', t: '티', u: '유', v: '브이', w: '더블유', x: '엑스', y: '와이', z: '지',
}));

/** The end of a Latin word as it sounds: a final m, n, ng or l closes the syllable (kim, Jun, Kang, Paul). */
function latinWordEnd(word: string): string {
  const lower = word.toLowerCase();
  if (lower.endsWith('ng')) return '강';
  const last = lower.at(-1) ?? '';
  if (last === 'm') return '킴';
  if (last === 'n') return '인';
  if (last === 'l') return '일';
  return '아';
}

/** The last syllable of `word` as a Korean speaker would say it. */
function spokenEnd(word: string): string {
  const trimmed = word.trimEnd().replace(/[\s.,:;!?)"'\]]+$/u, '');
  const digits = /(\d+)$/.exec(trimmed)?.[1];
  if (digits !== undefined) return numberToHangul(Number(digits.slice(-15))) || '영';
  const latin = /([A-Za-z]+)$/.exec(trimmed)?.[1];
  if (latin !== undefined) return latin.length === 1 ? (LETTER_NAMES.get(latin.toLowerCase()) ?? '아') : latinWordEnd(latin);
  return trimmed === '' ? '아' : trimmed;
}

/** `word` followed by the particle that fits its last sound. */
export function withParticle(word: string, particle: Particle): string {
  return `${word}${josa.pick(spokenEnd(word), particle)}`;
}
