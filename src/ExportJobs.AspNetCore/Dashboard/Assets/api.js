// The dashboard's one door to the REST API (at the page's data-api-base): JSON in and out, problem details parsed.
export const apiBase = document.body.dataset.apiBase;

/** An answer that was not 2xx: its status, the parsed problem details (RFC 9457) and their field errors. */
export class ApiError extends Error {
  constructor(method, path, response, problem) {
    const detail = problem && (problem.detail || problem.title)
      ? `${problem.title || ""} ${problem.detail || ""}`.trim()
      : response.statusText;
    super(`${method} ${path}: ${response.status} ${detail}`);
    this.name = "ApiError";
    this.status = response.status;
    /** The problem details object (or null when the answer had no JSON body). */
    this.problem = problem;
    /** Field errors of a validation problem: { field: [message, …] } ({} when none). */
    this.errors = (problem && problem.errors) || {};
    /** The answer's ETag (a 412 carries the current one on some hosts), or null. */
    this.etag = response.headers.get("ETag");
  }
}

/**
 * Sends one request and answers { status, ok, body, etag, headers }; never throws for an HTTP status (only for a
 * network failure). path is relative to the API base ("/", "/{id}", "/{id}/runs?limit=5").
 * options: method (GET), body (sent as JSON), ifMatch (an ETag sent as If-Match), headers.
 */
export async function send(path, options = {}) {
  const method = options.method || "GET";
  const headers = { Accept: "application/json", ...(options.headers || {}) };
  const init = { method, headers, credentials: "same-origin" };
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(options.body);
  }
  if (options.ifMatch) headers["If-Match"] = options.ifMatch;
  const response = await fetch(apiBase + path, init);
  const text = await response.text();
  let body = null;
  if (text) {
    try { body = JSON.parse(text); } catch { body = null; }
  }
  return { status: response.status, ok: response.ok, body, etag: response.headers.get("ETag"), headers: response.headers, response };
}

/** Sends one request and answers its parsed body; throws an ApiError (status, problem, errors) when it was not 2xx. */
export async function api(path, options = {}) {
  const answer = await send(path, options);
  if (!answer.ok) throw new ApiError(options.method || "GET", path, answer.response, answer.body);
  return answer.body;
}

/** As api(), but answers { body, etag } (a job's GET, to send its ETag back as If-Match on PUT). */
export async function apiWithETag(path, options = {}) {
  const answer = await send(path, options);
  if (!answer.ok) throw new ApiError(options.method || "GET", path, answer.response, answer.body);
  return { body: answer.body, etag: answer.etag, headers: answer.headers };
}

/** "/{id}" with the id encoded; more segments are appended as given ("/runs"). */
export const jobPath = (id, ...rest) => `/${encodeURIComponent(id)}${rest.join("")}`;

// What the current user may do (GET {api}/capabilities); the API enforces it anyway. An API without the endpoint
// (an older release) or an answer that is not 200: everything is shown, and the API's 403 says what is refused.
let capabilities = null;

/** Loads the capabilities once per page ({ read, operate, edit }) and marks them on <body> (data-can-operate/-edit). */
export async function loadCapabilities() {
  if (capabilities) return capabilities;
  try {
    capabilities = await api("/capabilities");
  } catch {
    capabilities = { read: true, operate: true, edit: true };
  }
  document.body.dataset.canOperate = String(!!capabilities.operate);
  document.body.dataset.canEdit = String(!!capabilities.edit);
  return capabilities;
}

/** Whether the current user may do what (read, operate, edit); true until the capabilities are loaded. */
export const can = (what) => !capabilities || !!capabilities[what];
