import { connect, createServer, type Socket } from "node:net";

/**
 * A loopback TCP proxy that behaves like a network link: every byte crossing it in one
 * direction waits its turn on that direction's wire (`bytesPerSecond`, shared by every
 * connection, as on a real uplink) and then half the round trip before it arrives. A
 * connection whose bytes queue up past a bandwidth-delay product is paused, the way a TCP
 * window stops a sender, so the proxy never buffers a whole upload.
 */
export interface LinkShape {
  roundTripMs: number;
  bytesPerSecond: number;
}

export interface ShapedLink {
  /** `http://127.0.0.1:PORT`, standing in for the target. */
  url: string;
  /** Bytes that crossed towards the target (uploads) since the link opened. */
  readonly bytesUp: number;
  close(): Promise<void>;
}

/** One direction of the link: when its wire is next free. */
interface Wire {
  freeAt: number;
  bytes: number;
}

export async function startShapedLink(target: URL, shape: LinkShape): Promise<ShapedLink> {
  const up: Wire = { freeAt: 0, bytes: 0 };
  const down: Wire = { freeAt: 0, bytes: 0 };
  const oneWayMs = shape.roundTripMs / 2;
  const windowBytes = Math.max(256 * 1024, (shape.bytesPerSecond * shape.roundTripMs) / 1000);
  const sockets = new Set<Socket>();

  /** Carries `from`'s bytes to `to` over `wire`. */
  const carry = (from: Socket, to: Socket, wire: Wire) => {
    const queue: { at: number; chunk: Buffer }[] = [];
    let queued = 0;
    let ended = false;
    let timer: NodeJS.Timeout | undefined;
    const deliver = () => {
      timer = undefined;
      const now = performance.now();
      while (queue.length > 0 && (queue[0] as { at: number }).at <= now) {
        const { chunk } = queue.shift() as { chunk: Buffer };
        queued -= chunk.length;
        if (!to.destroyed) to.write(chunk);
      }
      if (queued < windowBytes && from.isPaused()) from.resume();
      if (queue.length > 0) timer = setTimeout(deliver, (queue[0] as { at: number }).at - now);
      else if (ended) to.end();
    };
    from.on("data", (chunk: Buffer) => {
      const now = performance.now();
      const departs = Math.max(now, wire.freeAt) + (chunk.length / shape.bytesPerSecond) * 1000;
      wire.freeAt = departs;
      wire.bytes += chunk.length;
      queue.push({ at: departs + oneWayMs, chunk });
      queued += chunk.length;
      if (queued >= windowBytes) from.pause();
      if (timer === undefined) timer = setTimeout(deliver, departs + oneWayMs - now);
    });
    from.on("end", () => {
      ended = true;
      if (queue.length === 0 && timer === undefined) to.end();
    });
    from.on("close", () => {
      if (timer !== undefined && !ended) {
        clearTimeout(timer);
        to.destroy();
      }
    });
  };

  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    carry(client, upstream, up);
    carry(upstream, client, down);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the link has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    get bytesUp() {
      return up.bytes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
