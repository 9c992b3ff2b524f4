/** The console's one way to call the admin API (docs/api.md, "Moderator routes"), and its error sentences. */
import { ApiError, call, errorText } from '../src/api';
import { API } from './page';
import { authorization, signOut } from './session';

/** Calls the admin API as the signed-in moderator; a refused token signs out, saying why. */
export async function api<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
  const headers: Record<string, string> = authorization();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    return await call<T>(`${API}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e instanceof ApiError && e.code === 'unauthorized') signOut(errorText(e, 'admin'));
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
