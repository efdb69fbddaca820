// The API client: GET with the dashboard's filters, writes with the token
// held in this tab's sessionStorage.

const TOKEN_KEY = 'dyad-token';

// token returns the bearer token of this tab, or ''.
export function token() {
  try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch { return ''; }
}

// takeTokenFromHash moves a "#token=T" fragment into sessionStorage and
// leaves the address without it, so the token is neither shared nor
// bookmarked with a view.
export function takeTokenFromHash() {
  const h = location.hash;
  const m = /^#token=([^&]+)/.exec(h);
  if (!m) return false;
  try { sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1])); } catch { /* storage disabled */ }
  history.replaceState(null, '', location.pathname + location.search + '#/');
  return true;
}

// APIError is an answer other than 2xx, with the problem document's detail.
export class APIError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  }
  const s = u.toString();
  return s ? '?' + s : '';
}

async function answer(r) {
  const type = r.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await r.json().catch(() => null) : null;
  if (!r.ok) throw new APIError(r.status, body);
  return body;
}

// get reads /api/v1 + path with the query params (empty ones dropped),
// with the token when this tab holds one: the server then shows what only
// writers may read (the rules' webhooks whole).
export async function get(path, params, signal) {
  const headers = { Accept: 'application/json' };
  const t = token();
  if (t) headers.Authorization = 'Bearer ' + t;
  const r = await fetch('/api/v1' + path + qs(params), { signal, headers });
  return answer(r);
}

// send writes with method and a JSON body, carrying the token.
export async function send(method, path, body, signal) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const t = token();
  if (t) headers.Authorization = 'Bearer ' + t;
  const r = await fetch('/api/v1' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  if (r.status === 204) return null;
  return answer(r);
}

let codes = null;
// codebook returns the CAMEO codebook: code -> {name, quad, goldstein, plover}.
export async function codebook() {
  if (!codes) {
    codes = fetch('/static/codes.json').then(r => {
      if (!r.ok) throw new Error('codebook: HTTP ' + r.status);
      return r.json();
    });
  }
  return codes;
}
