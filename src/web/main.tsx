import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from './i18n/index.js';
import App from './App.js';
import { CareProvider } from './theme/care.js';
import { boot } from './boot.js';
import { queryClient } from './queryClient.js';
import './styles.css';

boot(queryClient);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <CareProvider>
        <App />
      </CareProvider>
    </I18nProvider>
  </StrictMode>,
);
