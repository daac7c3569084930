import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setApiLanguage } from './api/client';
import { App } from './app/App';
import { i18n } from './i18n';
import './styles.css';

setApiLanguage(i18n.language);
i18n.on('languageChanged', setApiLanguage);

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
