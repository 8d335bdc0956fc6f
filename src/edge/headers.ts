// Headers every response carries, GraphiQL's page and the edge's own refusals included: no MIME sniffing, no
// Referer leaking a URL (persisted document ids, variables in GET queries) to other sites, and no framing (the
// GraphQL endpoint serves an interactive page, GraphiQL, which must not be clickjacked).
import type { ServerResponse } from 'node:http';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  // Only the framing directive: GraphiQL's page runs inline scripts and styles a stricter policy would block.
  'content-security-policy': "frame-ancestors 'none'",
});

const ENTRIES = Object.entries(SECURITY_HEADERS);

/** Set on the node response before anything writes its head; node merges them into whatever yoga sends. */
export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of ENTRIES) res.setHeader(name, value);
}
