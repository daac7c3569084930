import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeclarationDetail } from '../../../api/types';
import { session } from '../../../api/client';
import { json, onApi, requests } from '../../../test/fetch';
import { renderAs, TRADER } from '../../../test/render';
import { fileNameFor, WcoDownloads } from './WcoDownloads';

const DECLARATION = { id: '5f0c4c1e-2f5a-4a57-9d1e-1d1f6c2b9a10', lrn: 'LRN 7/2026' } as DeclarationDetail;

afterEach(() => vi.restoreAllMocks());

describe('WCO DM downloads on the declaration page', () => {
  it('fetches the declaration and the notifications as XML with the session token and saves each as a file', async () => {
    onApi(
      (request) =>
        new Response(`<x url="${new URL(request.url).pathname}"/>`, {
          headers: { 'content-type': 'application/xml' },
        }),
    );
    const saved: { name: string; text: Promise<string> }[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push({ name: '', text: (blob as Blob).text() });
      return 'blob:download';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved[saved.length - 1]!.name = this.download;
    });
    session.set('tok-trader');
    const user = userEvent.setup();
    renderAs(TRADER, <WcoDownloads declaration={DECLARATION} />);
    await user.click(screen.getByRole('button', { name: 'Download the declaration (DEC-DMS)' }));
    await user.click(screen.getByRole('button', { name: 'Download the notifications (RES-DMS)' }));
    await vi.waitFor(() =>
      expect(saved.map((s) => s.name)).toEqual(['LRN_7_2026-DEC.xml', 'LRN_7_2026-RES.xml']),
    );
    const urls = requests.map((r) => new URL(r.url));
    expect(urls.map((u) => `${u.pathname}${u.search}`)).toEqual([
      `/api/v1/declarations/${DECLARATION.id}?format=xml`,
      `/api/v1/declarations/${DECLARATION.id}/notifications?format=xml`,
    ]);
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer tok-trader',
      'Bearer tok-trader',
    ]);
    expect(await saved[1]!.text).toContain('/notifications');
  });

  it('says why when the API refuses', async () => {
    onApi(() => json({ code: 'DECLARATION_NOT_FOUND', status: 404 }, 404));
    renderAs(TRADER, <WcoDownloads declaration={DECLARATION} />);
    await userEvent.click(screen.getByRole('button', { name: 'Download the declaration (DEC-DMS)' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
  });

  it('names files by the LRN', () => {
    expect(fileNameFor('IM-2026/0042', 'notifications')).toBe('IM-2026_0042-RES.xml');
  });
});
