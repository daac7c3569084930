import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DeclarationDetail } from '../../../api/types';
import { changeLanguage } from '../../../i18n';
import { OFFICER, renderAs, TRADER } from '../../../test/render';
import { WarningsPanel } from './WarningsPanel';

const withWarnings = (warnings: Record<string, unknown>[]) => ({ warnings }) as unknown as DeclarationDetail;

const CONTAINER_WARNINGS = [
  {
    code: 'CONTAINER_FORMAT',
    pointer: '/transport/containers/0/number',
    value: 'AD12345',
    severity: 'warning',
  },
  {
    code: 'CONTAINER_CHECK_DIGIT',
    pointer: '/transport/containers/1/number',
    value: 'MSCU1234567',
    params: { expected: 6 },
    severity: 'warning',
  },
];

describe('warnings kept with a declaration', () => {
  it('shows each warning at its field in the reader’s language, to officers and traders alike', async () => {
    for (const who of [OFFICER, TRADER]) {
      const { unmount } = renderAs(who, <WarningsPanel declaration={withWarnings(CONTAINER_WARNINGS)} />);
      expect(screen.getByRole('heading', { name: '2 warnings at lodgement' })).toBeTruthy();
      const items = screen.getAllByRole('listitem');
      expect(items[0]!.textContent).toMatch(/AD12345 is not an ISO 6346 container number/);
      expect(items[1]!.textContent).toMatch(
        /check digit of container MSCU1234567 is wrong \(it should be 6\)/,
      );
      unmount();
    }
    await changeLanguage('es');
    renderAs(OFFICER, <WarningsPanel declaration={withWarnings(CONTAINER_WARNINGS.slice(0, 1))} />);
    expect(screen.getByRole('heading', { name: 'Advertencia en la presentación' })).toBeTruthy();
    expect(screen.getByRole('listitem').textContent).toMatch(
      /AD12345 no es un número de contenedor ISO 6346/,
    );
    await changeLanguage('en');
  });

  it('shows nothing when the rules flagged nothing', () => {
    const { container } = renderAs(OFFICER, <WarningsPanel declaration={withWarnings([])} />);
    expect(container.textContent).toBe('');
  });
});
