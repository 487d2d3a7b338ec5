import { AppProvider } from './provider';
import { Dashboard } from './dashboard';

export function App() {
  return (
    <AppProvider>
      <Dashboard />
    </AppProvider>
  );
}
