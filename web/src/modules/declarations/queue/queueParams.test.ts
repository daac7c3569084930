import { describe, expect, it } from 'vitest';
import { filtersFromSearch, filtersToSearch, toApiQuery } from './queueParams';

describe('queue filters in the URL', () => {
  it('round-trips filters through the URL, leaving defaults out', () => {
    const f = filtersFromSearch(
      new URLSearchParams('channel=red,yellow&status=held&office=JMKIN01&hs=0808&offset=100'),
    );
    expect(f).toMatchObject({
      channel: ['red', 'yellow'],
      status: ['held'],
      office: 'JMKIN01',
      hs: '0808',
      offset: 100,
      limit: 50,
      sort: '-lodgedAt',
    });
    expect(filtersToSearch(f).toString()).toBe(
      'status=held&channel=red%2Cyellow&office=JMKIN01&hs=0808&offset=100',
    );
  });

  it('drops values the API would refuse', () => {
    const f = filtersFromSearch(
      new URLSearchParams('channel=purple,green&sort=sideways&limit=7&offset=-3&from=yesterday'),
    );
    expect(f.channel).toEqual(['green']);
    expect(f.sort).toBe('-lodgedAt');
    expect(f.limit).toBe(50);
    expect(f.offset).toBe(0);
    expect(f.from).toBe('');
  });

  it('makes the API query: codes upper-cased, "until" inclusive, half-typed HS codes left out', () => {
    const f = filtersFromSearch(
      new URLSearchParams('party=jm-imp-1001&container=mscu1234565&to=2026-03-31&hs=8'),
    );
    expect(toApiQuery(f)).toEqual({
      sort: '-lodgedAt',
      limit: 50,
      offset: 0,
      party: 'JM-IMP-1001',
      container: 'MSCU1234565',
      to: '2026-04-01',
    });
  });
});
