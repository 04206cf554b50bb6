export { PAINTED_MARKS } from './painted-marks';

/**
 * Sets the mark after the next frame is painted: a frame callback runs just before the paint, and
 * a message posted from it is handled just after, when the main thread is free for input again.
 */
export function markWhenPainted(name: string): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      performance.mark(name);
      channel.port1.close();
    };
    channel.port2.postMessage(null);
  });
}
