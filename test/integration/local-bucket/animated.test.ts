import COS from "cos-nodejs-sdk-v5";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeUrlSafeBase64 } from "../../../shared/rules/base64";
import { BUCKET, type Harness, REGION, SECRET_ID, SECRET_KEY, startHarness } from "./harness";

/**
 * Issue 18, point 2: on an animated GIF uploaded through cos-nodejs-sdk-v5, the operations
 * libvips cannot run on a multi-page image (an oblique or quarter turn, radius masks, a
 * watermark, imageView2's crop) run on every frame in the Local bucket, which stores an
 * animation with the same frames and delays.
 */

let h: Harness;
let cos: COS;
const base = { Bucket: BUCKET, Region: REGION };
const MARK_KEY = "animated/mark.png";

beforeAll(async () => {
  h = await startHarness();
  cos = new COS({
    SecretId: SECRET_ID,
    SecretKey: SECRET_KEY,
    Protocol: "http:",
    Domain: `127.0.0.1:${h.bucket.port}/{Bucket}`,
  });
  const mark = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#ffff00" } })
    .png()
    .toBuffer();
  await cos.putObject({ ...base, Key: MARK_KEY, Body: mark });
});
afterAll(async () => {
  await h.dispose();
});

/** Three 40×30 frames, red, green and blue, shown for 100, 200 and 300 ms. */
async function animatedGif(): Promise<Buffer> {
  const area = 40 * 30;
  const strip = Buffer.alloc(area * 3 * 3);
  const colours = [
    [255, 0, 0],
    [0, 255, 0],
    [0, 0, 255],
  ];
  colours.forEach((colour, frame) => {
    for (let i = frame * area; i < (frame + 1) * area; i++) strip.set(colour, i * 3);
  });
  const raw = { width: 40, height: 90, channels: 3 as const, pageHeight: 30 };
  return sharp(strip, { raw })
    .gif({ delay: [100, 200, 300], loop: 0 })
    .toBuffer();
}

const markUrl = encodeUrlSafeBase64(`http://${BUCKET}.cos.${REGION}.myqcloud.com/${MARK_KEY}`);

describe("an animated GIF uploaded with Pic-Operations", () => {
  it.each([
    ["imageMogr2/rotate/90", 30, 40],
    ["imageMogr2/iradius/15", 30, 30],
    ["imageMogr2/rradius/10", 40, 30],
    [`watermark/1/image/${markUrl}/gravity/northwest/dissolve/100`, 40, 30],
    ["imageView2/1/w/20/h/10", 20, 10],
  ])("%s runs on every frame: %ix%i, three frames, delays kept", async (rule, width, height) => {
    const output = `animated/${encodeURIComponent(rule).slice(0, 40)}.gif`;
    const put = (await cos.putObject({
      ...base,
      Key: "animated/input.gif",
      Body: await animatedGif(),
      Headers: {
        "Pic-Operations": JSON.stringify({ is_pic_info: 0, rules: [{ fileid: `/${output}`, rule }] }),
      },
    })) as unknown as { UploadResult: { ProcessResults: { Object: Record<string, string> } } };
    const result = put.UploadResult.ProcessResults.Object;
    expect([result.Width, result.Height, result.Format]).toEqual([String(width), String(height), "GIF"]);
    const stored = (await cos.getObject({ ...base, Key: output })).Body as Buffer;
    const meta = await sharp(stored).metadata();
    expect([meta.width, meta.height, meta.pages, meta.delay]).toEqual([width, height, 3, [100, 200, 300]]);
  });
});
