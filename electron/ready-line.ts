import { z } from "zod";

/**
 * The line a server process prints on stdout once it answers requests: `picops-ready {json}`.
 * Launchers and tests wait for it rather than reading the sentence printed for people, so
 * that sentence can be worded freely; the JSON says which server it is and where.
 */
const PREFIX = "picops-ready ";

export const ReadySchema = z.object({
  server: z.enum(["web-host", "local-bucket"]),
  /** Where to reach it: the web host's address carries its launch token in the fragment. */
  url: z.url({ protocol: /^https?$/ }),
});
export type Ready = z.infer<typeof ReadySchema>;
export type ServerName = Ready["server"];

export function readyLine(ready: Ready): string {
  return `${PREFIX}${JSON.stringify(ready)}\n`;
}

/** The ready record of one line of output, if it is one. */
export function readyFromLine(line: string): Ready | undefined {
  if (!line.startsWith(PREFIX)) return undefined;
  try {
    const parsed = ReadySchema.safeParse(JSON.parse(line.slice(PREFIX.length)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Resolves with the server's ready record once it prints it; rejects if the output ends
 * first (the process stopped while starting).
 */
export function waitForReady(stream: NodeJS.ReadableStream, server: ServerName): Promise<Ready> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    const stop = () => {
      stream.off("data", onData);
      stream.off("end", onEnd);
    };
    const onData = (chunk: Buffer | string) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const ready = readyFromLine(line.trimEnd());
        if (ready?.server === server) {
          stop();
          resolve(ready);
          return;
        }
      }
    };
    const onEnd = () => {
      stop();
      reject(new Error(`The ${server} stopped before it was ready.`));
    };
    stream.on("data", onData);
    stream.once("end", onEnd);
  });
}
