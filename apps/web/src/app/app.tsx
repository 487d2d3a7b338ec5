import type { QueryClient } from '@tanstack/react-query';
import { AppProvider } from './provider';
import { Dashboard } from './dashboard';

export function App({ queryClient }: { queryClient?: QueryClient }) {
  return (
    <AppProvider queryClient={queryClient}>
      <Dashboard />
    </AppProvider>
  );
}
