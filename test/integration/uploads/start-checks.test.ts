import { mkdir, writeFile } from "node:fs/promises";
import { request } from "node:http";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openLocalBucketClient } from "../../../electron/connections/local-connection";
import { createLogger } from "../../../electron/logger";
import { startWebHost } from "../../../electron/web-host/server";
import { LOCAL_BUCKET_NAME } from "../../../shared/connections";
import type { AppError } from "../../../shared/errors";
import type { CallResult, ChannelInput, ChannelName } from "../../../shared/ipc/contract";
import { animatedGif } from "../../fixtures/images";
import { addFiles, options, uploadAll } from "../daily/upload-steps";
import { type PicopsWithEndpoint, startPicops } from "../picgo/harness";
import { photoJpeg } from "./kind-samples";

/**
 * Start refuses what the plan's checks refuse (issue 15, point 4): the window keeps Start
 * disabled, but whoever calls the main process directly meets the same refusal, before any
 * byte is sent, and nothing already added is lost.
 */

/** scrop needs every frame at once: the Local bucket's engine refuses it on an animation. */
const FAILS_ON_ANIMATIONS = "imageMogr2/scrop/60x60";
const rules = [{ rule: FAILS_ON_ANIMATIONS, fileid: "{name}_crop.{ext}" }];

let picops: PicopsWithEndpoint;
beforeEach(async () => {
  picops = await startPicops();
});
afterEach(async () => {
  await picops.close();
});

/** The call's answer as the renderer gets it: a value, or an AppError. */
async function answer<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
): Promise<CallResult<unknown>> {
  return (await picops.services.router.call(channel, input)) as CallResult<unknown>;
}

function refusal(result: CallResult<unknown>): AppError {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.error;
}

const animatedRefusal = (sample: string) => ({
  code: "invalid-plan",
  messageId: "rule-fails-on-animated",
  values: { n: 1, rule: FAILS_ON_ANIMATIONS, format: "GIF", sample },
  message: `Rule 1 (${FAILS_ON_ANIMATIONS}) fails on animated GIF images, such as ${sample}.`,
});

describe("uploads.start", () => {
  it("refuses a batch whose rule fails on one of its kinds, though no plan was asked for", async () => {
    await addFiles(picops, { "photo.jpg": await photoJpeg(), "party.gif": await animatedGif() });

    const error = refusal(await answer("uploads.start", { options: options({ rules }) }));

    expect(error).toMatchObject(animatedRefusal("party.gif"));
    expect(error.path).toEqual(["party.gif"]);
    expect(await picops.keys()).toEqual([]);
    // Nothing the designer added is lost: the list still holds both files.
    const listed = await picops.call("files.list", {});
    expect(listed.files.map((file) => file.relativePath).sort()).toEqual(["party.gif", "photo.jpg"]);
  });

  it("refuses it too when the originals' keys are their MD5s", async () => {
    await addFiles(picops, { "photo.jpg": await photoJpeg(), "party.gif": await animatedGif() });

    const error = refusal(
      await answer("uploads.start", { options: options({ rules, keyTemplate: "{md5}" }) }),
    );

    expect(error).toMatchObject(animatedRefusal("party.gif"));
    expect(await picops.keys()).toEqual([]);
  });

  it("starts a batch whose rule runs on all its kinds, and makes the outputs", async () => {
    await addFiles(picops, { "photo.jpg": await photoJpeg(), "party.gif": await animatedGif() });
    const thumbnails = [{ rule: "imageMogr2/thumbnail/60x", fileid: "{name}_small.{ext}" }];

    const batch = await uploadAll(picops, options({ rules: thumbnails }));

    expect(batch.items.map((item) => item.state)).toEqual(["done", "done"]);
    expect(await picops.keys()).toEqual(["party.gif", "party_small.gif", "photo.jpg", "photo_small.jpg"]);
  });

  it("reuses the plan's trials when Start sends the plan just made", async () => {
    const [file] = await addFiles(picops, { "party.gif": await animatedGif() });
    const { plans } = await picops.call("uploads.plan", { options: options({ rules }) });
    expect(plans[0]?.problem?.messageId).toBe("rule-fails-on-animated");
    // Were the rule tried again, it would be tried on these bytes, a still picture it runs on.
    await writeFile(file?.path as string, await photoJpeg());

    const error = refusal(await answer("uploads.start", { options: options({ rules }) }));

    expect(error).toMatchObject(animatedRefusal("party.gif"));
  });

  it("tries the rules again when Start sends other rules than the plan's", async () => {
    await addFiles(picops, { "party.gif": await animatedGif() });
    const thumbnails = [{ rule: "imageMogr2/thumbnail/60x", fileid: "{name}_small.{ext}" }];
    const { plans } = await picops.call("uploads.plan", { options: options({ rules: thumbnails }) });
    expect(plans[0]?.problem).toBeUndefined();

    const error = refusal(await answer("uploads.start", { options: options({ rules }) }));

    expect(error).toMatchObject(animatedRefusal("party.gif"));
    expect(await picops.keys()).toEqual([]);
  });
});

describe("processing.start", () => {
  it("refuses to process a prefix holding a kind the rule fails on, and writes nothing", async () => {
    const bucket = await openLocalBucketClient(path.join(picops.dataDir, "local-bucket"));
    try {
      const put = async (key: string, body: Buffer) =>
        bucket.client.putObject({ bucket: LOCAL_BUCKET_NAME, key, body });
      await put("shoot/a.jpg", await photoJpeg());
      await put("shoot/b.gif", await animatedGif());
      const selection = { bucket: LOCAL_BUCKET_NAME, prefix: "shoot/" };
      const processOptions = { isPicInfo: false, rules, concurrency: 2 };

      const error = refusal(await answer("processing.start", { selection, options: processOptions }));

      expect(error).toMatchObject(animatedRefusal("shoot/b.gif"));
      expect(await picops.keys()).toEqual(["shoot/a.jpg", "shoot/b.gif"]);
    } finally {
      await bucket.client.close();
    }
  });
});

describe("through the web host's HTTP API", () => {
  it("answers a hostile client's start with the same refusal", async () => {
    await addFiles(picops, { "party.gif": await animatedGif() });
    const rendererDir = path.join(picops.dir, "renderer");
    await mkdir(rendererDir);
    await writeFile(path.join(rendererDir, "index.html"), "<!doctype html><title>Picops</title>");
    const host = await startWebHost({
      services: picops.services,
      logger: createLogger(() => {}),
      rendererDir,
    });
    try {
      const token = new URL(host.url).hash.replace("#token=", "");
      const body = JSON.stringify({ options: options({ rules }) });
      const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const call = request(
          {
            host: "127.0.0.1",
            port: host.port,
            path: "/api/call/uploads.start",
            method: "POST",
            headers: { "content-type": "application/json", origin: host.origin, "x-picops-token": token },
          },
          (response) => {
            let text = "";
            response.on("data", (chunk) => {
              text += chunk;
            });
            response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
          },
        );
        call.on("error", reject);
        call.end(body);
      });

      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: animatedRefusal("party.gif") });
      expect(await picops.keys()).toEqual([]);
    } finally {
      await host.close();
    }
  });
});
