// State signed into a token the client carries. The signing key is configuration shared by all
// servers (not memory), so any server verifies any token, even after a crash.
import { Base64 } from 'js-base64';
import type { Context, ParamValue } from './model';
import { fnv1a } from './protocols/login';

const SIGNING_KEY = 'protocol-lab-shared-signing-key';

function encode(context: Context): string {
  // base64url of the UTF-8 JSON, without padding (as a JWT's parts are).
  return Base64.encodeURI(JSON.stringify(context));
}

function signature(payload: string): string {
  return fnv1a(`${SIGNING_KEY}.${payload}`).toString(36);
}

export function signToken(context: Context): string {
  const payload = encode(context);
  return `${payload}.${signature(payload)}`;
}

export function verifyToken(token: string): Context | undefined {
  const dot = token.lastIndexOf('.');
  if (dot < 0) return undefined;
  const payload = token.slice(0, dot);
  if (signature(payload) !== token.slice(dot + 1)) return undefined;
  try {
    if (!Base64.isValid(payload)) return undefined;
    const parsed: unknown = JSON.parse(Base64.decode(payload));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const context: Record<string, ParamValue> = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === 'string' || typeof value === 'number') context[key] = value;
    }
    return context;
  } catch {
    return undefined;
  }
}
