// First: asks for the dashboard's data before the rest of the app is run (start.ts).
import { queryClient } from './app/start';
import { beforeFirstRender } from './app/dashboard-loading';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import './styles/global.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

void beforeFirstRender().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App queryClient={queryClient} />
    </StrictMode>,
  ),
);
