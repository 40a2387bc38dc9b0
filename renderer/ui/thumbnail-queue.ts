/**
 * Thumbnail requests, a few at a time. Every request makes the main process fetch and
 * resize an image; sent all at once they crowd out the folder's listing, and thumbnails for
 * tiles long scrolled past hold up the ones in view. A tile that leaves the view withdraws
 * its waiting request, so the queue never holds more than the drawn tiles.
 */
const AT_ONCE = 3;

interface Waiting {
  start(): Promise<unknown>;
}

/** Queues a request; the returned function withdraws it if it has not started (its tile left the view). */
export type ThumbnailQueue = (start: () => Promise<unknown>) => () => void;

export function createThumbnailQueue(): ThumbnailQueue {
  const waiting: Waiting[] = [];
  let running = 0;

  const next = (): void => {
    while (running < AT_ONCE) {
      const job = waiting.shift();
      if (!job) return;
      running++;
      job.start().finally(() => {
        running--;
        next();
      });
    }
  };

  return (start) => {
    const job: Waiting = { start };
    waiting.push(job);
    next();
    return () => {
      const index = waiting.indexOf(job);
      if (index >= 0) waiting.splice(index, 1);
    };
  };
}
