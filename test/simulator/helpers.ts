/** Shared helpers for the simulator's server tests. */
import type { Simulator } from '../../src/simulator';

export function apiUrl(sim: Simulator, path: string): string {
  return `${sim.apiBaseUrl}/stores/${sim.storeHash}${path}`;
}

export function apiGet(
  sim: Simulator,
  path: string,
  token: string | null = sim.accessToken,
  init: RequestInit = {},
) {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token !== null) headers['X-Auth-Token'] = token;
  return fetch(apiUrl(sim, path), { ...init, headers });
}

/** The authorize URL an app would send the browser to. */
export function authorizeUrl(sim: Simulator, params: Record<string, string>): string {
  const u = new URL('/oauth2/authorize', sim.loginBaseUrl);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

/** The name/value pairs a browser would submit from the page's form, plus the clicked button. */
export function formFields(html: string, button: 'approve' | 'deny'): URLSearchParams {
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const value = /\bvalue="([^"]*)"/.exec(m[0])?.[1] ?? '';
    if (name) form.set(name, decodeEntities(value));
  }
  const b = new RegExp(`<button[^>]*id="${button}"[^>]*>`).exec(html)?.[0] ?? '';
  const bName = /\bname="([^"]*)"/.exec(b)?.[1];
  const bValue = /\bvalue="([^"]*)"/.exec(b)?.[1];
  if (bName && bValue) form.set(bName, bValue);
  return form;
}

function decodeEntities(s: string): string {
  return s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}

/** Runs the browser part of the flow (page, then form POST) and returns the redirect Location. */
export async function approve(
  sim: Simulator,
  params: Record<string, string>,
  button: 'approve' | 'deny' = 'approve',
): Promise<URL> {
  const page = await fetch(authorizeUrl(sim, params));
  const html = await page.text();
  const res = await fetch(new URL('/oauth2/authorize', sim.loginBaseUrl), {
    method: 'POST',
    body: formFields(html, button),
    redirect: 'manual',
  });
  if (res.status !== 302) throw new Error(`expected a redirect, got ${res.status}: ${await res.text()}`);
  return new URL(res.headers.get('location') ?? '');
}

export async function exchangeCode(
  sim: Simulator,
  fields: Record<string, string>,
  form = false,
): Promise<Response> {
  return fetch(new URL('/oauth2/token', sim.loginBaseUrl), {
    method: 'POST',
    headers: {
      'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json',
      Accept: 'application/json',
    },
    body: form ? new URLSearchParams(fields).toString() : JSON.stringify(fields),
  });
}

export type JsonObject = Record<string, unknown>;

/** The response body as a JSON object (tests then read its fields). */
export async function readJson(res: Response): Promise<JsonObject> {
  return (await res.json()) as JsonObject;
}
