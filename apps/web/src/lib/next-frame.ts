/**
 * Resolves once the browser has drawn the next frame (a task after its
 * animation frame), or after `fallbackMs`: a hidden tab draws no frames.
 */
export function afterNextFrame(fallbackMs = 100): Promise<void> {
  return new Promise<void>((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, fallbackMs);
  });
}
