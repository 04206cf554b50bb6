/**
 * Waits until `find` answers something (sync or async), looking every 25 ms; fails naming `what`
 * after `timeoutMs`. Answers what was found.
 */
export async function until<T>(what: string, find: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
