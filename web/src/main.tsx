import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import '@gcds-core/components-react/gcds.css';
import './styles/fonts.css';
import './styles/app.css';
import { App } from './App.tsx';
import { i18n } from './i18n.ts';
import { langOfPath } from './lib/lang.ts';

document.documentElement.lang = langOfPath(window.location.pathname);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);
