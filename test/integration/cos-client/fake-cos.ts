import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { onTestFinished } from "vitest";
import { CosClient, type CosClientOptions } from "../../../electron/cos/client";

/**
 * A scripted stand-in for COS: each request is answered by the next handler in the script
 * (the last one repeats), and every request is recorded with its body.
 */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

export type FakeHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface FakeCos {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startFakeCos(script: FakeHandler[]): Promise<FakeCos> {
  const requests: RecordedRequest[] = [];
  let next = 0;
  const server = createServer((request, response) => {
    const handler = script[Math.min(next, script.length - 1)];
    next += 1;
    const recorded: RecordedRequest = {
      method: request.method ?? "",
      url: request.url ?? "",
      headers: request.headers,
      body: Buffer.alloc(0),
    };
    requests.push(recorded);
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      recorded.body = Buffer.concat(chunks);
    });
    void handler?.(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers once the body has arrived, so the client never sees a half-read upload. */
export function reply(status: number, body = "", headers: Record<string, string> = {}): FakeHandler {
  return (request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(status, { "x-cos-request-id": `req-${status}`, ...headers });
      response.end(body);
    });
  };
}

export function errorXml(code: string, message: string): string {
  return `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>rid</RequestId></Error>`;
}

/** A fake COS and a Picops client of it (path-style) for the test running, both closed when it ends. */
export async function fakeCosWithClient(
  script: FakeHandler[],
  options: Partial<CosClientOptions> = {},
): Promise<{ fake: FakeCos; client: CosClient }> {
  const fake = await startFakeCos(script);
  const client = new CosClient({
    credentials: { secretId: "AKIDfakeCosTest", secretKey: "fakeCosTestSecretKey" },
    region: "ap-guangzhou",
    endpoint: { kind: "path-style", baseUrl: fake.baseUrl },
    ...options,
  });
  onTestFinished(async () => {
    await client.close();
    await fake.close();
  });
  return { fake, client };
}
