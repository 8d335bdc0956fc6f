import { describe, expect, it } from 'vitest';
import { actingAccount, assertMayActFor, authenticate, EXPLORER } from '../../src/access/caller';
import { createKeyRing, hashKey, KeysFileError, parseKeysFile } from '../../src/access/keys';
import { announceAccessMode } from '../../src/access/plugin';
import { createLogger } from '../../src/logger';
import { Writable } from 'node:stream';

const ACCOUNT = '3f0c2a56-1b1e-4c3e-9a61-0d6f3c0b7a11';
const OTHER = '9d2b7e3a-5c4f-4a8e-b1d0-2e6f7a8b9c0d';
const file = parseKeysFile({
  clients: [
    { name: 'web', kind: 'frontend', keySha256: hashKey('frontend-key') },
    { name: 'acme', kind: 'partner', keySha256: hashKey('partner-key').toUpperCase(), account: ACCOUNT.toUpperCase() },
  ],
});
const ring = createKeyRing(file);

describe('keys file', () => {
  it('hashes keys as hex sha256', () => {
    expect(hashKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('finds a client by key and normalises hashes and accounts to lower case', () => {
    expect(ring.find('frontend-key')?.name).toBe('web');
    expect(ring.find('partner-key')).toMatchObject({ name: 'acme', kind: 'partner', account: ACCOUNT });
    expect(ring.find('nope')).toBeUndefined();
    expect(ring.find('')).toBeUndefined();
  });

  it('refuses a partner without an account, bad hashes and duplicates, naming the field', () => {
    const bad = (json: unknown) => () => parseKeysFile(json);
    expect(bad({ clients: [{ name: 'p', kind: 'partner', keySha256: hashKey('k') }] })).toThrow(/clients\.0\.account/);
    expect(bad({ clients: [{ name: 'f', kind: 'frontend', keySha256: 'not-hex' }] })).toThrow(/keySha256/);
    expect(bad({ clients: [{ name: 'f', kind: 'admin', keySha256: hashKey('k') }] })).toThrow(KeysFileError);
    expect(
      bad({
        clients: [
          { name: 'a', kind: 'frontend', keySha256: hashKey('k') },
          { name: 'b', kind: 'frontend', keySha256: hashKey('k') },
        ],
      }),
    ).toThrow(/listed twice/);
    expect(bad({ clients: [] })).toThrow(/at least one/);
  });
});

describe('callers and accounts', () => {
  it('is the explorer without a key ring', () => {
    expect(authenticate(null, undefined)).toBe(EXPLORER);
  });

  it('401s a missing, malformed or unknown key', () => {
    for (const header of [null, 'Basic abc', 'Bearer', 'Bearer wrong']) {
      try {
        authenticate(header, ring);
        expect.unreachable(String(header));
      } catch (err) {
        expect((err as { extensions: { http: { status: number } } }).extensions.http.status).toBe(401);
      }
    }
    expect(authenticate('bearer  frontend-key ', ring)).toEqual({ kind: 'frontend', name: 'web' });
  });

  it('binds a partner to its account and refuses any other', () => {
    const partner = authenticate('Bearer partner-key', ring);
    expect(actingAccount(partner, undefined)).toBe(ACCOUNT);
    expect(actingAccount(partner, ACCOUNT.toUpperCase())).toBe(ACCOUNT);
    expect(() => actingAccount(partner, OTHER)).toThrow(/only act for its own account/);
    expect(() => assertMayActFor(partner, OTHER)).toThrow(/own account/);
    expect(() => assertMayActFor(partner, undefined)).toThrow(/own account/);
    expect(() => assertMayActFor(partner, ACCOUNT)).not.toThrow();
  });

  it('lets frontends and the explorer act for any account', () => {
    const web = authenticate('Bearer frontend-key', ring);
    expect(actingAccount(web, OTHER)).toBe(OTHER);
    expect(actingAccount(web, null)).toBeUndefined();
    expect(() => assertMayActFor(web, OTHER)).not.toThrow();
    expect(actingAccount(EXPLORER, OTHER.toUpperCase())).toBe(OTHER);
  });
});

it('announces open explorer mode loudly', () => {
  const out: string[] = [];
  const destination = new Writable({ write: (c: Buffer, _e, done) => (out.push(c.toString()), done()) });
  announceAccessMode(createLogger({ destination }), undefined, undefined);
  expect(out.join('')).toMatch(/"level":"warn".*OPEN EXPLORER MODE/);
});
