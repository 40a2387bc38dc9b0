import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { readyFromLine, readyLine, waitForReady } from "../../../electron/ready-line";

describe("the ready line", () => {
  it("reads back what it wrote, and nothing else", () => {
    const ready = { server: "web-host", url: "http://127.0.0.1:41234/#token=abc" } as const;
    expect(readyFromLine(readyLine(ready).trimEnd())).toEqual(ready);
    expect(readyFromLine("Picops is running. Open http://127.0.0.1:41234/#token=abc")).toBeUndefined();
    expect(readyFromLine("picops-ready {not json")).toBeUndefined();
    expect(readyFromLine('picops-ready {"server":"elsewhere","url":"http://127.0.0.1:1"}')).toBeUndefined();
  });

  it("is waited for across chunks, past other servers' lines", async () => {
    const stream = new PassThrough();
    const ready = waitForReady(stream, "local-bucket");
    stream.write("http://127.0.0.1:9000\n");
    stream.write(readyLine({ server: "web-host", url: "http://127.0.0.1:1/" }));
    const line = readyLine({ server: "local-bucket", url: "http://127.0.0.1:9000" });
    stream.write(line.slice(0, 20));
    stream.write(line.slice(20));
    await expect(ready).resolves.toEqual({ server: "local-bucket", url: "http://127.0.0.1:9000" });
  });

  it("fails when the output ends before the server is ready", async () => {
    const stream = new PassThrough();
    const ready = waitForReady(stream, "web-host");
    stream.end("Picops web host could not start: port in use\n");
    await expect(ready).rejects.toThrow("The web-host stopped before it was ready.");
  });
});
