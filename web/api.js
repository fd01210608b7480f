// api.js - the dashboard's client for the JSON API of `dyad serve` (/health, /series,
// /network, /events, /code): builds query strings from filter values, leaves empty
// values out, and turns non-2xx answers into Errors carrying the server's message.

/** Thrown for a failed request; `status` is the HTTP status (0 when the server is unreachable). */
export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/** The query string ("?a=1&b=x", or "") of the non-empty values of `params`. */
export function queryString(params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === '') continue;
    query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

async function request(path, options) {
  let response;
  try {
    response = await fetch(path, options);
  } catch (err) {
    throw new ApiError(`cannot reach the server (${err.message})`, 0);
  }
  const body = await response.text();
  let value = null;
  try {
    value = body ? JSON.parse(body) : null;
  } catch {
    if (response.ok) throw new ApiError(`${path}: the answer is not JSON`, response.status);
  }
  if (!response.ok) {
    const detail = value && (value.error || value.message);
    throw new ApiError(`${path.split('?')[0]}: ${response.status} ${detail || response.statusText}`,
                       response.status);
  }
  return value;
}

/** GET `path` with the query `params`; resolves to the parsed JSON answer. */
export function getJSON(path, params) {
  return request(path + queryString(params), { headers: { Accept: 'application/json' } });
}

/** POST `body` as JSON to `path` with the query `params`; resolves to the parsed answer. */
export function postJSON(path, body, params) {
  return request(path + queryString(params), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
}
