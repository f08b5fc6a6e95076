// jsdom has no layout: Fluent's MessageBar watches its size with ResizeObserver, so give it one that never fires.
class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver ??= NoLayoutResizeObserver;
