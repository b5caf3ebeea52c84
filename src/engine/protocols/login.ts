// Login from the stateful note: verify, keep the client's information, answer; then profile and logout.
import type { ParamValue } from '../model';
import { say, type Text } from '../text';
import { NO_STEPS, type ConversationProtocol, type ServeInput, type ServeResult } from './protocol';

/** What a server that lost the session does not know. */
const LACKS_LOGIN = say('this login session', '이 로그인 세션을');

/** A small deterministic hash so that ids and "password hashes" are stable across runs. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Virtual time 0 is this moment (the stateful note's creation time), so notes show real-looking times. */
const EPOCH = Date.UTC(2024, 9, 29, 0, 10, 0);

function loginTime(now: number): string {
  return new Date(EPOCH + now).toISOString().replace('T', ' ').slice(0, 19);
}

// A Map: a field called "constructor" is named as written, not looked up on Object.prototype.
const fieldNames: ReadonlyMap<string, Text> = new Map([
  ['userId', say('User ID', '사용자 ID')],
  ['username', say('Username', '사용자 이름')],
  ['passwordHash', say('Password (hashed)', '비밀번호 (해시)')],
  ['email', say('Email', '이메일')],
  ['lastLogin', say('Last Login Time', '마지막 로그인 시간')],
  ['sessionToken', say('Session Token', '세션 토큰')],
]);

const VERIFY = say('Verify Request', '요청 검증');

const LOGIN_REQUIRED = say('401 Login required', '401 로그인이 필요합니다');

function serve({ request, params, context, resumed, sessionId, now }: ServeInput): ServeResult {
  switch (request) {
    case 'login': {
      const user = String(params['user']);
      const password = String(params['password']);
      if (password.length === 0) {
        return { ok: false, steps: [VERIFY], missingState: false, reply: say('Login Failed', '로그인 실패') };
      }
      const info: Record<string, ParamValue> = {
        userId: `u${fnv1a(user) % 100_000}`,
        username: user,
        passwordHash: `sha256:${fnv1a(`${user}:${password}`).toString(16).padStart(8, '0')}…`,
        email: `${user.replace(/[^\p{L}\p{N}._-]+/gu, '') || 'user'}@example.com`,
        lastLogin: loginTime(now),
        sessionToken: sessionId,
      };
      return { ok: true, steps: [VERIFY], context: info, reply: say('Login Response', '로그인 응답'), storeStep: say('Store Client Information', '클라이언트 정보 저장') };
    }
    case 'profile': {
      if (context['userId'] === undefined) {
        if (!resumed) return { ok: false, steps: [VERIFY], missingState: false, unauthenticated: true, reply: LOGIN_REQUIRED };
        return { ok: false, steps: [VERIFY], missingState: true, lacks: LACKS_LOGIN, reply: say('401 Please log in again', '401 다시 로그인해 주세요') };
      }
      // Named like the note's Login Request / Login Response.
      return { ok: true, steps: [VERIFY], context, reply: say('Profile Response', '프로필 응답') };
    }
    case 'logout': {
      if (context['userId'] === undefined) {
        if (!resumed) return { ok: false, steps: NO_STEPS, missingState: false, unauthenticated: true, reply: LOGIN_REQUIRED };
        return { ok: false, steps: NO_STEPS, missingState: true, lacks: LACKS_LOGIN, reply: say('401 Not logged in', '401 로그인 상태가 아닙니다') };
      }
      return { ok: true, steps: NO_STEPS, context: null, reply: say('Logged out', '로그아웃 완료') };
    }
    default:
      return { ok: false, steps: NO_STEPS, missingState: false, reply: say(`Unknown request ${request}`, `알 수 없는 요청 ${request}`) };
  }
}

export const loginProtocol: ConversationProtocol = {
  name: 'login',
  requests: [
    {
      name: 'login',
      description: say('Log in with a user name and password', '아이디와 비밀번호로 로그인'),
      params: [
        { name: 'user', type: 'string', example: 'kim', description: say('User name', '사용자 이름') },
        { name: 'password', type: 'string', example: 'secret', description: say('Password', '비밀번호') },
      ],
    },
    { name: 'profile', method: 'GET', description: say('Fetch the logged-in profile', '로그인한 프로필 보기'), params: [] },
    { name: 'logout', description: say('Log out', '로그아웃'), params: [] },
  ],
  requestLabel: (request) => {
    switch (request) {
      case 'login':
        return say('Login Request', '로그인 요청');
      case 'profile':
        return say('Profile Request', '프로필 요청');
      default:
        return say('Logout Request', '로그아웃 요청');
    }
  },
  serve,
  fieldName: (field) => fieldNames.get(field) ?? say(field, field),
  // The stateful note lists what the server keeps by name (its values are a password hash and a token).
  describeState: (context) => {
    const names = Object.keys(context).map((field) => fieldNames.get(field) ?? say(field, field));
    return say(names.map((name) => name.en).join('\n'), names.map((name) => name.ko).join('\n'));
  },
};
