import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestWhole } from "../../../electron/cos/whole-answer";
import { PicopsError } from "../../../shared/errors";

/** How the server answers each path; `sent` counts what an endless answer wrote. */
let sent = 0;
/** Resolves once the slow answer has begun. */
let slowBegun = () => {};
const answers: Record<string, (response: ServerResponse) => void> = {
  "/stated": (response) => {
    response.setHeader("content-length", "15");
    response.end("<UploadResult/>");
  },
  "/chunked": (response) => {
    response.write("<Upload");
    setImmediate(() => response.end("Result/>"));
  },
  "/exactly-the-limit": (response) => {
    response.write("x".repeat(60));
    response.end("y".repeat(40));
  },
  "/endless": (response) => {
    let closed = false;
    response.on("close", () => {
      closed = true;
    });
    const more = () => {
      while (!closed && sent < 64 * 2 ** 20) {
        sent += 1024;
        if (!response.write("z".repeat(1024))) return response.once("drain", more);
      }
      response.end();
    };
    more();
  },
  "/endless-error": (response) => {
    response.writeHead(503, { "content-type": "application/xml" });
    answers["/endless"]?.(response);
  },
  "/slow": (response) => {
    response.write("<Upload", () => slowBegun());
  },
};
const server = createServer((incoming, response) => answers[incoming.url ?? ""]?.(response));
let origin = "";
const agent = new Agent();
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await agent.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const tooLarge = () => new PicopsError("malformed-response", "answer-too-large", { megabytes: 1 });
const ask = (path: string, signal?: AbortSignal) =>
  requestWhole(agent, { origin, path, method: "GET" }, { ok: 100, error: 50, tooLarge }, signal);

describe("an answer read whole", () => {
  it("is every byte, its status and headers, whether its length is stated or it comes in chunks", async () => {
    const stated = await ask("/stated");
    expect(stated.status).toBe(200);
    expect(stated.headers["content-length"]).toBe("15");
    expect(stated.body.toString()).toBe("<UploadResult/>");
    expect((await ask("/chunked")).body.toString()).toBe("<UploadResult/>");
  });

  it("keeps an answer of exactly its limit", async () => {
    expect((await ask("/exactly-the-limit")).body.length).toBe(100);
  });

  it("refuses a 2xx answer past its limit, and the rest is never read", async () => {
    sent = 0;
    await expect(ask("/endless")).rejects.toMatchObject({ messageId: "answer-too-large" });
    // What sockets buffer on the way, nowhere near the 64 MB the server would send.
    expect(sent).toBeLessThan(16 * 2 ** 20);
  });

  it("keeps the start of an error's body and stops reading it", async () => {
    sent = 0;
    const error = await ask("/endless-error");
    expect(error.status).toBe(503);
    expect(error.body.toString()).toBe("z".repeat(50));
    expect(sent).toBeLessThan(16 * 2 ** 20);
  });

  it("stops when its signal fires, before or during the answer", async () => {
    const controller = new AbortController();
    const begun = new Promise<void>((resolve) => {
      slowBegun = resolve;
    });
    const waiting = ask("/slow", controller.signal);
    await begun;
    controller.abort(new Error("cancelled by the designer"));
    await expect(waiting).rejects.toThrow("cancelled by the designer");
    await expect(ask("/stated", AbortSignal.abort(new Error("gone before")))).rejects.toThrow("gone before");
  });
});
