import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { Principal } from '../api/types';
import { createQueryClient } from '../app/App';
import { StaticAuthProvider } from '../auth/AuthProvider';
import { i18n } from '../i18n';

export const TRADER: Principal = {
  kind: 'user',
  id: 'u-trader',
  name: 'trader',
  roles: ['trader'],
  partyTin: 'JM-BRK-0001',
  office: null,
  locale: 'en',
};
export const OFFICER: Principal = {
  ...TRADER,
  id: 'u-officer',
  name: 'officer',
  roles: ['officer'],
  partyTin: null,
};

/** Renders a page as a signed-in user, at a URL, with the console's providers. */
export function renderAs(
  principal: Principal,
  element: ReactNode,
  { path = '/', url = '/' }: { path?: string; url?: string } = {},
) {
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false, staleTime: 0 } });
  return render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <StaticAuthProvider principal={principal}>
          <MemoryRouter initialEntries={[url]}>
            <Routes>
              <Route path={path} element={element} />
              <Route path="*" element={<p>elsewhere</p>} />
            </Routes>
          </MemoryRouter>
        </StaticAuthProvider>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}
