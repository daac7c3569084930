import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { declarationPanelsFor } from '../../app/registry';
import { json, onApi, requests } from '../../test/fetch';
import { OFFICER, renderAs, TRADER } from '../../test/render';
import { i18n } from '../../i18n';
import DeclarationRiskPanel from './DeclarationRiskPanel';
import { ANALYST, DECLARATION, RISK_PATH, redByRule } from './test-fixtures';

const answer = (body: unknown, status = 200) =>
  onApi((req) =>
    new URL(req.url).pathname === RISK_PATH ? json(body, status) : json({ code: 'ROUTE_NOT_FOUND' }, 404),
  );

describe('the "why this channel" panel on a declaration', () => {
  it('is offered to customs roles through the registry, never to a trader', () => {
    for (const p of [OFFICER, ANALYST])
      expect(declarationPanelsFor(p).map((x) => x.id)).toContain('risk-explanation');
    expect(declarationPanelsFor(TRADER).map((x) => x.id)).not.toContain('risk-explanation');
  });

  it('says the channel, what selected it, the probability, revenue at stake, model version and budget place', async () => {
    answer(redByRule());
    const { container } = renderAs(
      OFFICER,
      <DeclarationRiskPanel declaration={DECLARATION} principal={OFFICER} />,
    );
    await screen.findByText('A risk profile (selection criteria)');
    const facts = [...container.querySelectorAll('dl.facts > div')].map((d) => [
      d.querySelector('dt')!.textContent,
      d.querySelector('dd')!.textContent,
    ]);
    expect(facts).toEqual([
      ['Channel', 'Red'],
      ['Selected by', 'A risk profile (selection criteria)'],
      ['Probability of fraud', '41.2%'],
      ['Revenue at stake', '$1,234.50'],
      ['Risk model', 'Version 3'],
      ['Office budget', 'Declaration no. 42 of the day at JMKIN, Nov 26, 2026'],
    ]);
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual([RISK_PATH]);
  });

  it('lists the profiles that hit with version, reason, goods items, and whether the hit applied', async () => {
    answer(redByRule());
    renderAs(OFFICER, <DeclarationRiskPanel declaration={DECLARATION} principal={OFFICER} />);
    const hits = within(await screen.findByRole('list', { name: 'Risk profiles that hit' })).getAllByRole(
      'listitem',
    );
    expect(hits).toHaveLength(2);
    expect(hits[0]!.textContent).toContain('Undervalued footwear from listed origins, version 4');
    expect(hits[0]!.textContent).toContain('Unit value under the reference price');
    expect(hits[0]!.textContent).toContain('Goods item 2');
    expect(hits[0]!.textContent).toContain('Sent to Red (the profile selects 100% of its hits)');
    expect(hits[1]!.textContent).toContain('Goods items 1, 2');
    expect(hits[1]!.textContent).toContain('Let through: the profile sends only 25% of its hits to Yellow');
  });

  it('draws each field as a bar that raises (right of zero) or lowers (left of zero) the risk', async () => {
    answer(redByRule());
    const { container } = renderAs(
      OFFICER,
      <DeclarationRiskPanel declaration={DECLARATION} principal={OFFICER} />,
    );
    await screen.findByText('Contribution of each declaration field to the risk of goods item 2', {
      selector: 'figcaption',
    });
    const zero = Number(container.querySelector('line.risk-zero')!.getAttribute('x1'));
    const bar = (field: string) => container.querySelector(`g[data-field="${field}"]`)!;
    const rect = (field: string) => bar(field).querySelector('rect')!;
    expect(bar('unitValue').getAttribute('data-direction')).toBe('raises');
    expect(Number(rect('unitValue').getAttribute('x'))).toBe(zero);
    expect(rect('unitValue').getAttribute('class')).toBe('fill-red');
    expect(bar('importerId×hs6').getAttribute('data-direction')).toBe('lowers');
    const lowers = rect('importerId×hs6');
    expect(Number(lowers.getAttribute('x')) + Number(lowers.getAttribute('width'))).toBeCloseTo(zero);
    expect(lowers.getAttribute('class')).toBe('fill-green');
    // The longest bar is the largest contribution; bars are proportional to it.
    expect(Number(rect('unitValue').getAttribute('width'))).toBeCloseTo(
      Number(lowers.getAttribute('width')) * 2.5,
    );
    const table = screen.getByRole('table', { name: /Contribution of each declaration field/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      'Unit value per kgRaises the risk+1.25',
      'Importer × HS subheadingLowers the risk-0.5',
      'Country of originRaises the risk+0.3',
    ]);
    expect(screen.getByText(/to the right it raises the risk, to the left it lowers it/)).toBeTruthy();
  });

  it('marks the goods item that drove the score among the per-item probabilities', async () => {
    answer(redByRule());
    renderAs(OFFICER, <DeclarationRiskPanel declaration={DECLARATION} principal={OFFICER} />);
    const table = await screen.findByRole('table', {
      name: 'Probability of fraud and revenue at stake of each goods item',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[1]!).getByText('Drove the score')).toBeTruthy();
    expect(within(rows[0]!).queryByText('Drove the score')).toBeNull();
    expect(rows[0]!.textContent).toContain('5%');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find a goods item (number, HS subheading)' }), {
      target: { value: '640411' },
    });
    const filtered = within(table).getAllByRole('row').slice(1);
    expect(filtered).toHaveLength(1);
    expect(filtered[0]!.textContent).toContain('640411');
  });

  it('lists the signals since lodgement in time order with what each did', async () => {
    answer(redByRule());
    renderAs(OFFICER, <DeclarationRiskPanel declaration={DECLARATION} principal={OFFICER} />);
    const items = within(await screen.findByRole('list', { name: 'Signals since lodgement' })).getAllByRole(
      'listitem',
    );
    expect(items[0]!.textContent).toContain('Origin assessment');
    expect(items[0]!.textContent).toContain('The preferential origin claim qualifies');
    expect(items[0]!.textContent).toContain('Recorded for the officer; the channel stayed');
    expect(items[1]!.textContent).toContain('IoT alarm');
    expect(items[1]!.textContent).toContain('Seal breach (Critical) on container MSKU9070323');
    expect(items[1]!.textContent).toContain('Raised the channel to Red and held the goods');
  });

  it('shows an amendment re-assessment with the probability before and after', async () => {
    answer(
      redByRule({
        signals: [
          {
            kind: 'amendment',
            detail: {
              version: 2,
              ruleHits: [{ profileId: 'p-9', name: 'Value under threshold', reason: 'x' }],
              probability: 0.6,
              probabilityAtLodgement: 0.1,
            },
            effect: 'escalated',
            receivedAt: '2026-11-26T11:00:00Z',
          },
        ],
      }),
    );
    renderAs(OFFICER, <DeclarationRiskPanel declaration={DECLARATION} principal={OFFICER} />);
    const item = within(await screen.findByRole('list', { name: 'Signals since lodgement' })).getByRole(
      'listitem',
    );
    expect(item.textContent).toContain('Version 2 re-assessed: probability 10% at lodgement, 60% now');
    expect(item.textContent).toContain('Profiles that now select it: Value under threshold');
  });

  it('shows the control result once it is recorded', async () => {
    answer(
      redByRule({
        label: { outcome: 'seizure', fraud: true, revenue: 500, recordedAt: '2026-11-26T14:00:00Z' },
      }),
    );
    renderAs(OFFICER, <DeclarationRiskPanel declaration={DECLARATION} principal={OFFICER} />);
    expect(await screen.findByText('Control result')).toBeTruthy();
    expect(screen.getByText(/^Seizure, recorded/)).toBeTruthy();
    expect(screen.getByText('Counted as fraud for the model (revenue $500.00).')).toBeTruthy();
  });

  it('writes every word in Spanish when the console is in Spanish', async () => {
    await i18n.changeLanguage('es');
    answer(redByRule());
    renderAs(OFFICER, <DeclarationRiskPanel declaration={DECLARATION} principal={OFFICER} />);
    expect(await screen.findByText('Un perfil de riesgo (criterios de selección)')).toBeTruthy();
    expect(screen.getByText('Elevó el canal a Rojo y retuvo la mercancía')).toBeTruthy();
    expect(screen.getByText('Importador × Subpartida SA', { selector: 'th' })).toBeTruthy();
  });

  it('never asks the API when a trader opens the declaration', async () => {
    answer(redByRule());
    const { container } = renderAs(
      TRADER,
      <DeclarationRiskPanel declaration={DECLARATION} principal={TRADER} />,
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(requests).toHaveLength(0);
    expect(container.textContent).toBe('');
  });

  it.each([403, 404])('says the explanation is not available when the API answers %i', async (status) => {
    answer({ code: status === 403 ? 'FORBIDDEN' : 'DECLARATION_NOT_FOUND' }, status);
    renderAs(OFFICER, <DeclarationRiskPanel declaration={DECLARATION} principal={OFFICER} />);
    expect(
      await screen.findByText('The risk explanation is not available for this declaration.'),
    ).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    await waitFor(() => expect(requests).toHaveLength(1));
  });

  it('says when the declaration has no channel yet, and when no model scored it', async () => {
    answer(redByRule({ channel: null, source: null }));
    const first = renderAs(OFFICER, <DeclarationRiskPanel declaration={DECLARATION} principal={OFFICER} />);
    expect(await screen.findByText('This declaration has not been given a channel yet.')).toBeTruthy();
    first.unmount();
    answer(
      redByRule({ probability: null, modelVersion: null, revenueAtStake: null, topFeatures: [], items: [] }),
    );
    renderAs(OFFICER, <DeclarationRiskPanel declaration={DECLARATION} principal={OFFICER} />);
    expect(await screen.findByText('No model was serving')).toBeTruthy();
    expect(screen.getByText('No model score to explain.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
