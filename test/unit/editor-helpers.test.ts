import { describe, expect, it } from 'vitest';
import type { SectionNode } from '../../schemas/project';
import { closeAdvice } from '../../editor/src/collab/closeCodes';
import { collabBaseUrl } from '../../editor/src/collab/collabSession';
import { peersFromStates, peersKey } from '../../editor/src/collab/peers';
import { connectionState } from '../../editor/src/connectionStatus';
import { checkLink } from '../../editor/src/editor/linkForm';
import { flattenOutline, findSection, numberOutline } from '../../editor/src/outlineNumbering';
import { hashFor, isRouteHash, parseHash, type Route } from '../../editor/src/router';
import { isSilent } from '../../editor/src/collab/heartbeat';
import { colorForUser, contrastRatio, initialsOf, userPalette } from '../../editor/src/userColor';

const node = (id: string, children: SectionNode[] = []): SectionNode => ({
  id,
  title: id.toUpperCase(),
  fragment: `section:${id}`,
  mandatory: false,
  status: 'a_rediger',
  blocks: [],
  locked: false,
  assignees: [],
  dueDate: null,
  children,
});

describe('user colours', () => {
  it('are 6-digit hex colours carrying white text at 4.5:1 or more', () => {
    for (const color of userPalette) {
      expect(color).toMatch(/^#[0-9a-f]{6}$/);
      expect(contrastRatio(color, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
  });
  it('are deterministic and spread over the palette', () => {
    expect(colorForUser('u-1')).toBe(colorForUser('u-1'));
    const seen = new Set(Array.from({ length: 200 }, (_, i) => colorForUser(`user-${i}`)));
    expect(seen.size).toBeGreaterThan(userPalette.length / 2);
  });
  it('computes WCAG contrast', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
  });
});

describe('initials', () => {
  it('skips honorifics and takes first and last words', () => {
    expect(initialsOf('Dr Claire Martin')).toBe('CM');
    expect(initialsOf('Pr Jean-Pierre de La Tour')).toBe('JT');
    expect(initialsOf('Julie')).toBe('JU');
    expect(initialsOf('  ')).toBe('?');
    expect(initialsOf('élodie durand')).toBe('ÉD');
  });
});

describe('outline numbering', () => {
  const outline = [node('a', [node('a1'), node('a2', [node('a2x')])]), node('b')];
  it('numbers depth first: 1, 1.1, 1.2, 1.2.1, 2', () => {
    expect([...numberOutline(outline)]).toEqual([
      ['a', '1'],
      ['a1', '1.1'],
      ['a2', '1.2'],
      ['a2x', '1.2.1'],
      ['b', '2'],
    ]);
    expect(flattenOutline(outline).map((s) => s.depth)).toEqual([0, 1, 1, 2, 0]);
  });
  it('finds a section with its number', () => {
    expect(findSection(outline, 'a2x')?.number).toBe('1.2.1');
    expect(findSection(outline, 'zz')).toBeNull();
    expect(flattenOutline([])).toEqual([]);
  });
});

describe('router', () => {
  const routes: [string, Route][] = [
    ['', { name: 'projects' }],
    ['#/', { name: 'projects' }],
    ['#/connexion', { name: 'login' }],
    ['#/projets', { name: 'projects' }],
    ['#/projets/p-1', { name: 'project', projectId: 'p-1', sectionId: null }],
    ['#/projets/p-1/sections/objectifs-medicaux', { name: 'project', projectId: 'p-1', sectionId: 'objectifs-medicaux' }],
    ['#/mise-en-place', { name: 'setup', step: null }],
    ['#/mise-en-place/people', { name: 'setup', step: 'people' }],
  ];
  it.each(routes)('parses %s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });
  it('round-trips project routes, encoding ids', () => {
    const route: Route = { name: 'project', projectId: 'p 1', sectionId: 's/2' };
    expect(parseHash(hashFor(route))).toEqual(route);
  });
  it('sends anything else to notFound', () => {
    expect(parseHash('#/projets/p/sections').name).toBe('notFound');
    expect(parseHash('#/projets/%E0%A4%A/sections/x').name).toBe('notFound');
    expect(parseHash('#/admin').name).toBe('notFound');
    expect(parseHash('#/mise-en-place/autre').name).toBe('notFound');
  });
  it('leaves in-page anchors alone', () => {
    expect(isRouteHash('#contenu')).toBe(false);
    expect(isRouteHash('#/projets')).toBe(true);
    expect(isRouteHash('')).toBe(true);
  });
});

describe('close codes', () => {
  it('stops on 4401, 4403, 4404 and sends 4401 to the login page', () => {
    expect(closeAdvice(4401)).toMatchObject({ reconnect: false, action: 'login' });
    expect(closeAdvice(4403).reconnect).toBe(false);
    expect(closeAdvice(4404).reconnect).toBe(false);
  });
  it('retries by itself on transient closes', () => {
    for (const code of [1006, 1001, 1011, 4429, 4503, 4408]) expect(closeAdvice(code).reconnect).toBe(true);
    expect(closeAdvice(1006).message).toBeNull();
  });
  it('does not loop on an update the server refuses', () => {
    for (const code of [1009, 4413, 4400]) expect(closeAdvice(code)).toMatchObject({ reconnect: false, action: 'retry' });
    for (const code of [4422, 4423, 4424]) expect(closeAdvice(code)).toMatchObject({ reconnect: false, action: 'reset' });
  });
  it('reconnects after a change of rights or a refused out-of-order update (the resync brings everything)', () => {
    for (const code of [4205, 4409]) expect(closeAdvice(code).reconnect).toBe(true);
  });
  it('explains every named code in French', () => {
    for (const code of [4205, 4401, 4403, 4404, 4413, 4422, 4423, 4424, 4429, 1009, 4400, 4503]) expect(closeAdvice(code).message).toMatch(/[a-zé]/);
  });
});

describe('presence', () => {
  const states = new Map<number, unknown>([
    [1, { user: { id: 'me', name: 'Moi', color: '#1f5fa8' }, sectionId: 's1' }],
    [2, { user: { id: 'u2', name: 'Dr Claire Martin', color: '#18753c' }, sectionId: 's1' }],
    [3, { user: { id: 'u2', name: 'Dr Claire Martin', color: '#18753c' }, sectionId: 's2' }],
    [4, { user: { id: 'u3', name: 'Bernard', color: 'red; background:url(x)' }, sectionId: null }],
    [5, { user: { id: 'me', name: 'Moi' }, sectionId: 's3' }],
    [6, { cursor: null }],
    [7, null],
  ]);
  const peers = peersFromStates(states, 1, 'me');
  it('merges the tabs of a user and leaves out the current user', () => {
    expect(peers.map((p) => p.userId)).toEqual(['u3', 'u2']);
    expect(peers[1]!.sectionIds).toEqual(['s1', 's2']);
    expect(peers[0]!.sectionIds).toEqual([]);
  });
  it('replaces a colour that is not #rrggbb', () => {
    expect(peers[0]!.color).toBe(colorForUser('u3'));
  });
  it('keys only what is displayed', () => {
    const moved = new Map(states);
    moved.set(2, { user: { id: 'u2', name: 'Dr Claire Martin', color: '#18753c' }, sectionId: 's1', cursor: { anchor: 1 } });
    expect(peersKey(peersFromStates(moved, 1, 'me'))).toBe(peersKey(peers));
  });
});

describe('connection state', () => {
  const base = { online: true, wsConnected: false, synced: false, failures: 0, stopped: false };
  it('is connecting at first, connected once synced', () => {
    expect(connectionState(base)).toBe('connecting');
    expect(connectionState({ ...base, wsConnected: true })).toBe('connecting');
    expect(connectionState({ ...base, wsConnected: true, synced: true })).toBe('connected');
  });
  it('says offline between retries, when the browser is offline, or when stopped', () => {
    expect(connectionState({ ...base, failures: 2 })).toBe('disconnected');
    expect(connectionState({ ...base, online: false })).toBe('disconnected');
    expect(connectionState({ ...base, stopped: true })).toBe('disconnected');
  });
  it('says offline when an open, synced socket has heard nothing for seconds', () => {
    expect(connectionState({ ...base, wsConnected: true, synced: true, silent: true })).toBe('disconnected');
    expect(isSilent({ wsconnected: true, wsLastMessageReceived: 10_000 }, 13_900)).toBe(false);
    expect(isSilent({ wsconnected: true, wsLastMessageReceived: 10_000 }, 14_001)).toBe(true);
    expect(isSilent({ wsconnected: false, wsLastMessageReceived: 0 }, 60_000)).toBe(false);
  });
});

describe('links', () => {
  it('accepts http(s) and mailto, refuses the rest with a French message', () => {
    expect(checkLink(' https://www.ars.sante.fr ')).toEqual({ ok: true, href: 'https://www.ars.sante.fr' });
    expect(checkLink('mailto:cme@chu.fr')).toEqual({ ok: true, href: 'mailto:cme@chu.fr' });
    expect(checkLink('')).toEqual({ ok: true, href: null });
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'www.exemple.fr']) {
      const result = checkLink(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/Adresse refusée/);
    }
  });
});

describe('collaboration URL', () => {
  it('follows the page protocol and host', () => {
    expect(collabBaseUrl({ protocol: 'https:', host: 'pm.chu.fr' })).toBe('wss://pm.chu.fr/collab');
    expect(collabBaseUrl({ protocol: 'http:', host: 'localhost:3000' })).toBe('ws://localhost:3000/collab');
  });
});
