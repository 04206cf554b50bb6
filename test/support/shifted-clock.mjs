// Loaded with `node --import` into a host process a test starts (test/support/host-clock.ts): the
// process's clock is the real one plus the offset, in milliseconds, written in the file named by
// AYIL_TEST_CLOCK_FILE, read again at most every 20 ms. So a test moves a running kiosk's clock
// into next week, or a year on, as a PC's clock can be moved; timers are left alone.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

const file = process.env.AYIL_TEST_CLOCK_FILE;
if (file) {
  const RealDate = Date;
  let offset = 0;
  let readAt = -Infinity;
  const shift = () => {
    if (performance.now() - readAt > 20) {
      try {
        offset = Number(fs.readFileSync(file, 'utf8')) || 0;
      } catch {
        // Being rewritten: keep the last offset.
      }
      readAt = performance.now();
    }
    return offset;
  };
  const now = () => RealDate.now() + shift();
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
    apply: () => new RealDate(now()).toString(),
    get: (target, property, receiver) => (property === 'now' ? now : Reflect.get(target, property, receiver)),
  });
}
