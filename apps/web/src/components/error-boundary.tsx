import { Component, type ErrorInfo, type ReactNode } from 'react';

type Props = { children: ReactNode; label: string };
type State = { error: Error | null };

/** Keeps one broken view (a chart, the map) from blanking the whole dashboard. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`[${this.props.label}]`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) {
      return (
        <div className="error-state" role="alert">
          <p className="error-title">The {this.props.label} failed to display.</p>
          <p className="error-detail">{this.state.error.message}</p>
          <button type="button" className="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}
