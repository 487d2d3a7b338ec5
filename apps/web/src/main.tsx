import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { upgradeLegacySearchParams } from './lib/search-params';
import './styles/global.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

upgradeLegacySearchParams();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
