import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { installFetch, resetApi } from './fetch';

installFetch();
afterEach(async () => {
  cleanup();
  resetApi();
  if (typeof localStorage === 'undefined') return; // a Node-environment file
  localStorage.clear();
  sessionStorage.clear();
  const { i18n } = await import('../i18n');
  await i18n.changeLanguage('en');
});
