/**
 * Waits until a check holds (what another part of the platform does in the background: the change
 * feed, a cache read again), trying every 25 ms for up to five seconds; fails if it never does.
 */
export async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the condition never held');
}
