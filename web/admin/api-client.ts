/** The console's one way to call the admin API (docs/api.md, "Moderator routes"), and its error sentences. */
import { ApiError, call, errorText } from '../src/api';
import { API } from './page';
import { authorization, notAModerator, renew, sessionEnded } from './session';

const send = async <T>(path: string, method: string, body: unknown): Promise<T> => {
  const headers: Record<string, string> = await authorization();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return call<T>(`${API}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
};

/**
 * Calls the admin API as the signed-in moderator. A refused token is renewed and the call tried
 * once more; only when that fails too does the moderator go back to sign-in (never a raw 401).
 */
export async function api<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
  try {
    try {
      return await send<T>(path, method, body);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'unauthorized') || !(await renew())) throw e;
      return await send<T>(path, method, body);
    }
  } catch (e) {
    if (e instanceof ApiError && e.code === 'unauthorized')
      sessionEnded('Your session has ended. Sign in again to carry on where you left off.');
    if (e instanceof ApiError && e.code === 'forbidden') notAModerator();
    throw e;
  }
}

/** errorText, plus the server's per-field reasons for a 400 (as text, never as markup). */
export function problem(e: unknown): string {
  if (e instanceof ApiError && e.code === 'validation_failed') {
    const fields = Object.entries(e.fields).map(([k, v]) => `${k}: ${v}`);
    if (fields.length) return `The server refused this request (${fields.join('; ')}).`;
  }
  return errorText(e, 'admin');
}
