import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import COS from "cos-nodejs-sdk-v5";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseJobsResponse, triggerRequestXml } from "../../../electron/cos/ci-jobs-xml";
import { type LocalBucket, startLocalBucket } from "../../../electron/local-bucket/index";
import type { CiJobRequest, CiJobState } from "../../../shared/cos/ci-jobs";

const BUCKET = "photos-1250000000";
const REGION = "ap-guangzhou";
const SECRET_ID = "AKIDciJobsSdk";
const SECRET_KEY = "ciJobsSdkSecretKey";
const CI_HOST = `${BUCKET}.ci.${REGION}.localhost`;

let root: string;
let bucket: LocalBucket;
let finished: Promise<CiJobState>;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "picops-ci-jobs-sdk-"));
  let settle: (state: CiJobState) => void = () => undefined;
  finished = new Promise((resolve) => {
    settle = resolve;
  });
  bucket = await startLocalBucket({
    root,
    region: REGION,
    buckets: [BUCKET],
    credentials: [{ secretId: SECRET_ID, secretKey: SECRET_KEY }],
    ciJobs: { onJobFinished: (_id, state) => settle(state) },
  });
});

afterEach(async () => {
  await bucket.close();
  await rm(root, { recursive: true, force: true });
});

/** The SDK's generic `request`, its `Ip` option connecting to the Local bucket while Host names the ci host. */
function sdkRequest(
  cos: COS,
  params: Record<string, unknown>,
): Promise<{ statusCode?: number; Body?: unknown }> {
  return new Promise((resolve, reject) => {
    (cos.request as (p: unknown, cb: (err: unknown, data: unknown) => void) => void)(params, (err, data) =>
      err ? reject(err) : resolve(data as { statusCode?: number; Body?: unknown }),
    );
  });
}

describe("cos-nodejs-sdk-v5 drives the Local bucket's batch jobs unchanged", () => {
  it("triggers with request({Url: ci host}), queries the job to Success, and the output is in the bucket", async () => {
    const cos = new COS({
      SecretId: SECRET_ID,
      SecretKey: SECRET_KEY,
      Protocol: "http:",
      Ip: `127.0.0.1:${bucket.port}`,
    });
    const image = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3060a0" } })
      .png()
      .toBuffer();
    await new Promise((resolve, reject) =>
      cos.putObject(
        {
          Bucket: BUCKET,
          Region: REGION,
          Key: "in/a.png",
          Body: image,
        },
        (err, data) => (err ? reject(err) : resolve(data)),
      ),
    );
    const request: CiJobRequest = {
      name: "sdk",
      input: { prefix: "in/" },
      processRule: "imageMogr2/thumbnail/16x",
      isPicInfo: false,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
      output: { region: REGION, bucket: BUCKET, object: "out/${InputNameAndExt}" },
    };
    const triggered = await sdkRequest(cos, {
      Method: "POST",
      Url: `http://${CI_HOST}/inventorytriggerjob`,
      Headers: { "Content-Type": "application/xml" },
      Body: triggerRequestXml(request),
      RawBody: true,
    });
    const [job] = parseJobsResponse(String(triggered.Body)).jobs;
    expect(job).toMatchObject({ state: "Submitted", request });
    expect(await finished).toBe("Success");
    const queried = await sdkRequest(cos, {
      Method: "GET",
      Url: `http://${CI_HOST}/inventorytriggerjob/${job?.jobId}`,
      RawBody: true,
    });
    expect(parseJobsResponse(String(queried.Body)).jobs[0]).toMatchObject({
      state: "Success",
      progress: 100,
    });
    const output = await new Promise<{ Body: Buffer }>((resolve, reject) =>
      cos.getObject({ Bucket: BUCKET, Region: REGION, Key: "out/a.png" }, (err, data) =>
        err ? reject(err) : resolve(data as { Body: Buffer }),
      ),
    );
    expect((await sharp(output.Body).metadata()).width).toBe(16);
  });

  it("takes a UrlFile as the Python SDK's sample writes it, and runs only the objects it names", async () => {
    const cos = new COS({
      SecretId: SECRET_ID,
      SecretKey: SECRET_KEY,
      Protocol: "http:",
      Ip: `127.0.0.1:${bucket.port}`,
    });
    const put = (Key: string, Body: Buffer) =>
      new Promise((resolve, reject) =>
        cos.putObject({ Bucket: BUCKET, Region: REGION, Key, Body }, (err, data) =>
          err ? reject(err) : resolve(data),
        ),
      );
    const image = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3060a0" } })
      .png()
      .toBuffer();
    await put("in/a.png", image);
    await put("in/b.png", image);
    const host = `https://${BUCKET}.cos.${REGION}.myqcloud.com`;
    await put("lists/url.txt", Buffer.from(`${host}/in/b.png\n`));
    // The body written by hand, as CI's page documents it, not by Picops's own writer.
    const body =
      `<Request><Name>sdk-url-file</Name><Type>Job</Type><Input><UrlFile>${host}/lists/url.txt</UrlFile></Input>` +
      "<Operation><Tag>PicProcess</Tag><JobParam><PicProcess><IsPicInfo>false</IsPicInfo>" +
      "<ProcessRule>imageMogr2/thumbnail/16x</ProcessRule></PicProcess></JobParam>" +
      `<Output><Region>${REGION}</Region><Bucket>${BUCKET}</Bucket><Object>out/\${InputNameAndExt}</Object></Output>` +
      "</Operation></Request>";
    const triggered = await sdkRequest(cos, {
      Method: "POST",
      Url: `http://${CI_HOST}/inventorytriggerjob`,
      Headers: { "Content-Type": "application/xml" },
      Body: body,
      RawBody: true,
    });
    expect(parseJobsResponse(String(triggered.Body)).jobs[0]?.request?.input).toEqual({
      urlFile: `${host}/lists/url.txt`,
    });
    expect(await finished).toBe("Success");
    const listed = await new Promise<{ Contents: { Key: string }[] }>((resolve, reject) =>
      cos.getBucket({ Bucket: BUCKET, Region: REGION, Prefix: "out/" }, (err, data) =>
        err ? reject(err) : resolve(data as { Contents: { Key: string }[] }),
      ),
    );
    expect(listed.Contents.map((object) => object.Key)).toEqual(["out/b.png"]);
  });
});
