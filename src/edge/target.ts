// Request targets, normalised once in front of yoga. Yoga and its URL helpers match routes loosely (a URL that
// ends with `/graphql`), so `//graphql`, `/./graphql`, `/x/../graphql`, `/graphql#a` or an absolute-form request
// line (`POST http://host/graphql`) used to slip past checks that compared the exact path. Here every spelling is
// reduced to one canonical path; the edge routes on it and hands yoga that path, so both see the same request.

export interface Target {
  /** Canonical path: dot segments resolved, repeated slashes collapsed, no trailing slash (except `/`). */
  path: string;
  /** `?…` or empty. */
  search: string;
}

// Anything that might need the URL parser: dot segments, repeated slashes, fragments, escapes, backslashes.
const NEEDS_PARSING = /\/\/|\/\.|[#%\\]/;
const ABSOLUTE_FORM = /^https?:\/\//i;
const BASE = 'http://edge.invalid';

/** The canonical target of a request line's target, or undefined when it is not a path we could serve. */
export function normaliseTarget(raw: string): Target | undefined {
  if (raw.charCodeAt(0) === 47 /* / */) {
    const q = raw.indexOf('?');
    const pathPart = q < 0 ? raw : raw.slice(0, q);
    // The common case: an already canonical path, no parsing.
    if (!NEEDS_PARSING.test(pathPart) && !raw.includes('#')) {
      return { path: trimSlash(pathPart), search: q < 0 ? '' : raw.slice(q) };
    }
    // Prefixing the base keeps `//graphql` a path (a relative `//x` would be read as a host).
    return parse(BASE + raw);
  }
  // Absolute-form (proxies send it; HTTP/1.1 servers must accept it): the path is ours, the host is ignored.
  if (ABSOLUTE_FORM.test(raw)) return parse(raw);
  return undefined; // `*` (server-wide OPTIONS) or garbage
}

function parse(url: string): Target | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  // WHATWG URL resolves `.`/`..` (also as %2e) and drops the fragment; collapse repeated slashes ourselves.
  return { path: trimSlash(parsed.pathname.replace(/\/{2,}/g, '/')), search: parsed.search };
}

const trimSlash = (path: string) => (path.length > 1 && path.endsWith('/') ? path.replace(/\/+$/, '') || '/' : path);

// host[:port] as the URL parser accepts it: a name or IPv4, or a bracketed IPv6, with an optional port.
const HOST = /^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

/**
 * Whether a Host header can be joined into a URL. Yoga builds each request's URL from it; a value like `a:99999`
 * or `a b` made that throw and answer 500 with a stack trace. Absent is fine (node refuses HTTP/1.1 without one).
 */
export function isValidHost(host: string | undefined): boolean {
  if (host === undefined) return true;
  const m = HOST.exec(host);
  return m !== null && (m[1] === undefined || Number(m[1]) <= 65_535);
}
