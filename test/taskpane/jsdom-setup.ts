// jsdom has no layout: Fluent's MessageBar watches its size with ResizeObserver, so give it one that never fires.
class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver ??= NoLayoutResizeObserver;

// jsdom leaves out structuredClone (browsers and Node have it); the Excel fake's state copies use it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const v8 = require('node:v8') as typeof import('node:v8');
(globalThis as unknown as { structuredClone: unknown }).structuredClone ??= <T>(value: T): T => v8.deserialize(v8.serialize(value)) as T;
