// Event cursors: where an event sits in the event log, opaque to clients. A position is the log's epoch (which
// log: a new one whenever the log starts empty, so a cursor from a lost log is recognised as such) and the entry
// id, `<ms>-<seq>` as Redis Streams number entries (the in-memory log numbers them the same way). Ids only grow,
// so cursors are ordered within the log, and so within every account's share of it.

export interface LogPosition {
  /** Which log the id belongs to; ANY_EPOCH only in LOG_START. */
  epoch: string;
  /** `<milliseconds>-<sequence>`. */
  id: string;
}

/** The beginning of whichever log there is: a subscriber that started on an empty log. Never in a cursor. */
export const ANY_EPOCH = '*';
export const LOG_START: LogPosition = { epoch: ANY_EPOCH, id: '0-0' };

const PREFIX = 'ev1:';
const EPOCH = /^[0-9a-f]{8,32}$/;
const ID = /^(0|[1-9]\d{0,19})-(0|[1-9]\d{0,19})$/;

export function encodeCursor(position: LogPosition): string {
  return Buffer.from(`${PREFIX}${position.epoch}:${position.id}`).toString('base64url');
}

/** The position a cursor names, or null when it is not a cursor this gateway issued. */
export function decodeCursor(cursor: string): LogPosition | null {
  if (cursor.length > 120 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX)) return null;
  const [epoch, id, ...rest] = text.slice(PREFIX.length).split(':');
  if (rest.length > 0 || !epoch || !id || !EPOCH.test(epoch) || !ID.test(id)) return null;
  return { epoch, id };
}

/** Orders two entry ids (no leading zeros: Redis writes none, decodeCursor accepts none); negative: `a` first. */
export function compareIds(a: string, b: string): number {
  const [am = '', as = ''] = a.split('-');
  const [bm = '', bs = ''] = b.split('-');
  return compareDigits(am, bm) || compareDigits(as, bs);
}

/** Decimal strings compared exactly, whatever their size: the longer is larger, else the first differing digit. */
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A fresh epoch: 16 hex digits. */
export function newEpoch(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}
