// Bounded waiting: every wait of the chaos and fuzz drivers ends, with an
// error that says what did not happen.
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(what, check, timeoutMs, describe = () => '') {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}${describe() ? `: ${describe()}` : ''}`);
    await sleep(25);
  }
}
