import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, onApi, requests } from '../../../test/fetch';
import { renderAs, TRADER } from '../../../test/render';
import { XmlUpload } from './XmlUpload';

const XML =
  '<Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2"><FunctionalReferenceID>LRN-1</FunctionalReferenceID></Declaration>';

/** Renders the upload as the trader, picks the XML file and submits it. */
async function uploadAndLodge(onLodged: (d: unknown) => void, content: BlobPart = XML) {
  const user = userEvent.setup();
  renderAs(TRADER, <XmlUpload onLodged={onLodged} />);
  await user.upload(
    screen.getByLabelText('XML file'),
    new File([content], 'dec.xml', { type: 'application/xml' }),
  );
  await user.click(screen.getByRole('button', { name: 'Upload and lodge' }));
}

describe('WCO XML upload', () => {
  it('sends the file as its bytes, so that a Latin-1 file keeps its accents for the server to decode', async () => {
    onApi(() => json({ id: 'd-1' }, 201));
    // "Panamá" in ISO-8859-1: á is the single byte 0xE1, not valid UTF-8.
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><A>Panam'),
      0xe1,
      ...new TextEncoder().encode('</A>'),
    ]);
    const onLodged = vi.fn();
    await uploadAndLodge(onLodged, latin1);
    await vi.waitFor(() => expect(onLodged).toHaveBeenCalled());
    const sent = requests.find((r) => r.method === 'POST')!;
    expect(new Uint8Array(await sent.arrayBuffer())).toEqual(latin1);
  });

  it('posts the file as application/xml and lists each refusal with its field, WCO path and fix', async () => {
    onApi(() =>
      json(
        {
          code: 'DECLARATION_REJECTED',
          status: 422,
          errors: [
            {
              code: 'HS_UNKNOWN',
              pointer: '/goodsItems/0/hsCode',
              wcoPath: '42A/67A/68A/23A/21A/145',
              value: '999999',
            },
          ],
        },
        422,
      ),
    );
    await uploadAndLodge(vi.fn());
    const list = await screen.findByRole('list', { name: 'Problems in the file' });
    expect(within(list).getByText('HS code (item 1)')).toBeTruthy();
    expect(within(list).getByText('42A/67A/68A/23A/21A/145')).toBeTruthy();
    expect(within(list).getByText('HS code 999999 does not exist in the HS 2022 nomenclature')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe(
      'The declaration was rejected: it breaks business rules',
    );
    const sent = requests.find((r) => r.method === 'POST')!;
    expect(sent.headers.get('content-type')).toBe('application/xml');
    expect(await sent.text()).toBe(XML);
  });

  it('lists what refuses the declaration first and marks what only warns', async () => {
    onApi(() =>
      json(
        {
          code: 'DECLARATION_REJECTED',
          status: 422,
          errors: [
            {
              code: 'CONTAINER_FORMAT',
              pointer: '/transport/containers/0/number',
              value: 'AD12345',
              severity: 'warning',
            },
            {
              code: 'COUNTRY_UNKNOWN',
              pointer: '/goodsItems/0/originCountry',
              value: 'QQ',
              severity: 'error',
            },
          ],
        },
        422,
      ),
    );
    await uploadAndLodge(vi.fn());
    const items = within(await screen.findByRole('list', { name: 'Problems in the file' })).getAllByRole(
      'listitem',
    );
    expect(items.map((li) => li.className)).toEqual(['', 'issue-warning']);
    expect(items[0]!.textContent).toMatch(/^Origin \(item 1\)/);
    expect(items[1]!.textContent).toMatch(/^WarningContainer 1.*AD12345 is not an ISO 6346 container number/);
  });

  it('hands over the lodged declaration', async () => {
    onApi(() => json({ id: 'abc', lrn: 'LRN-1' }, 201));
    const onLodged = vi.fn();
    await uploadAndLodge(onLodged);
    await vi.waitFor(() => expect(onLodged).toHaveBeenCalledWith({ id: 'abc', lrn: 'LRN-1' }));
  });
});
