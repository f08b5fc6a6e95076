/** A use case's `shouldStop` for a run on the page: gives the event loop a turn (a Cancel click), then reads the signal. */
export function stopWhenAborted(signal: AbortSignal | undefined): (() => Promise<boolean>) | undefined {
  if (!signal) return undefined;
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    return signal.aborted;
  };
}
