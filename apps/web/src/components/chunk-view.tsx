import { useEffect, useReducer, type ComponentType, type ReactNode } from 'react';

type Loaded<P> =
  | { status: 'idle' }
  | { status: 'done'; component: ComponentType<P> }
  | { status: 'error'; error: unknown };

export type ChunkView<P> = {
  /** Starts loading the chunk (once); what the view shows once it arrives. */
  preload: () => Promise<unknown>;
  View: (props: P & { fallback: ReactNode }) => ReactNode;
};

/**
 * A view whose code is a chunk of its own, like `React.lazy`, but drawn by a
 * plain state update the moment the chunk has arrived. A lazy component
 * inside Suspense is revealed by a Suspense retry, which React holds back
 * until 300 ms after the last fallback was shown and renders together with
 * every other pending retry: the map would wait for the timeline's chart.
 *
 * A chunk that fails to load is thrown to the nearest error boundary, as
 * `React.lazy` does.
 */
export function chunkView<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ChunkView<P> {
  let state: Loaded<P> = { status: 'idle' };
  let pending: Promise<unknown> | null = null;
  const preload = () =>
    (pending ??= load().then(
      (module) => {
        state = { status: 'done', component: module.default };
      },
      (error: unknown) => {
        state = { status: 'error', error };
      },
    ));

  function View(props: P & { fallback: ReactNode }) {
    const [, rerender] = useReducer((n: number) => n + 1, 0);
    const current = state;
    useEffect(() => {
      if (current.status === 'done' || current.status === 'error') return;
      let live = true;
      void preload().then(() => live && rerender());
      return () => {
        live = false;
      };
    }, [current]);
    if (current.status === 'error') throw current.error;
    if (current.status !== 'done') return props.fallback;
    const { fallback: _fallback, ...rest } = props;
    const Component = current.component;
    return <Component {...(rest as P)} />;
  }

  return { preload, View };
}
