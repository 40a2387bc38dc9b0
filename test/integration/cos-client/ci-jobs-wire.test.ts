import { afterEach, describe, expect, it } from "vitest";
import { CiJobsClient } from "../../../electron/cos/ci-jobs";
import { jobsResponseXml } from "../../../electron/cos/ci-jobs-xml";
import { CosClient } from "../../../electron/cos/client";
import { parseAuthorization, signRequest } from "../../../electron/cos/signature";
import { CloudJobs } from "../../../electron/jobs/service";
import type { CiJobRequest } from "../../../shared/cos/ci-jobs";
import { type FakeCos, reply, startFakeCos } from "./fake-cos";

const BUCKET = "examplebucket-1250000000";
const SECRET_ID = "AKIDciWireSecretId";
const SECRET_KEY = "ciWireSecretKeyNeverShown";
const REQUEST: CiJobRequest = {
  name: "thumbs",
  input: { prefix: "photos/" },
  processRule: "imageMogr2/thumbnail/!50p",
  isPicInfo: true,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
  output: { region: "ap-guangzhou", bucket: BUCKET, object: "thumbs/${InputName}.jpg" },
};

let fake: FakeCos | undefined;
let client: CiJobsClient | undefined;

afterEach(async () => {
  await client?.close();
  await fake?.close();
});

function clientFor(server: FakeCos): CiJobsClient {
  client = new CiJobsClient({
    credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY },
    region: "ap-guangzhou",
    endpoint: { kind: "path-style", baseUrl: server.baseUrl },
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  return client;
}

/** The signature a request carries, recomputed from what arrived on the wire. */
function expectSignedFor(recorded: FakeCos["requests"][number], path: string, query: Record<string, string>) {
  const auth = parseAuthorization(String(recorded.headers.authorization));
  expect(auth?.headerList).toContain("host");
  const [start, end] = (auth?.keyTime ?? "").split(";").map(Number);
  const headers = Object.fromEntries(
    (auth?.headerList ?? []).map((name) => [name, String(recorded.headers[name] ?? "")]),
  );
  expect(recorded.headers.authorization).toBe(
    signRequest({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      method: recorded.method,
      path,
      query,
      headers,
      startTime: start as number,
      endTime: end as number,
    }),
  );
}

describe("CI batch jobs on the wire", () => {
  it("triggers with POST /inventorytriggerjob on the ci host, the Request XML signed with that host", async () => {
    const job = {
      jobId: "b0123456789abcdef0123456789abcdef",
      name: "thumbs",
      state: "Submitted" as const,
      code: "Success",
      message: "",
      creationTime: "2026-12-02T15:00:00+0000",
      request: REQUEST,
    };
    fake = await startFakeCos([
      reply(200, jobsResponseXml({ requestId: "r", jobs: [job], nextToken: undefined, nonExistJobIds: [] })),
    ]);
    const answer = await clientFor(fake).trigger({ bucket: BUCKET, request: REQUEST });
    expect(answer).toEqual(job);
    const [sent] = fake.requests;
    expect(sent?.method).toBe("POST");
    expect(sent?.url).toBe("/inventorytriggerjob");
    const port = new URL(fake.baseUrl).port;
    expect(sent?.headers.host).toBe(`${BUCKET}.ci.ap-guangzhou.localhost:${port}`);
    expect(sent?.headers["content-type"]).toBe("application/xml");
    expect(sent?.body.toString()).toContain("<Tag>PicProcess</Tag>");
    expectSignedFor(sent as FakeCos["requests"][number], "/inventorytriggerjob", {});
  });

  it("a selection: the URL list is PUT into the bucket first, then triggered as the Input's UrlFile", async () => {
    const listPath = /^\/examplebucket-1250000000\/(\.picops\/job-inputs\/thumbs-[0-9a-f]{8}\.txt)$/;
    // The list's address, from the PUT that came before the trigger.
    const urlFile = () =>
      `https://${BUCKET}.cos.ap-guangzhou.myqcloud.com/${listPath.exec(fake?.requests[0]?.url ?? "")?.[1]}`;
    fake = await startFakeCos([
      reply(200, "", { etag: '"e"' }),
      (request, response) => {
        const job = {
          jobId: "b0123456789abcdef0123456789abcdef",
          name: "thumbs",
          state: "Submitted" as const,
          code: "Success",
          message: "",
          request: { ...REQUEST, input: { urlFile: urlFile() } },
        };
        reply(
          200,
          jobsResponseXml({ requestId: "r", jobs: [job], nextToken: undefined, nonExistJobIds: [] }),
        )(request, response);
      },
    ]);
    const cos = new CosClient({
      credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY },
      region: "ap-guangzhou",
      endpoint: { kind: "path-style", baseUrl: fake.baseUrl },
    });
    const jobs = new CloudJobs({
      target: async () => ({
        client: clientFor(fake as FakeCos),
        cos,
        bucket: BUCKET,
        region: "ap-guangzhou",
      }),
      emit: () => undefined,
    });
    const job = await jobs.start({ ...REQUEST, input: { keys: ["photos/a b.jpg", "photos/c.jpg"] } });
    jobs.close();
    await cos.close();

    const [put, trigger] = fake.requests;
    expect(put?.method).toBe("PUT");
    expect(put?.url).toMatch(listPath);
    expect(put?.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(put?.body.toString()).toBe(
      `https://${BUCKET}.cos.ap-guangzhou.myqcloud.com/photos/a%20b.jpg\n` +
        `https://${BUCKET}.cos.ap-guangzhou.myqcloud.com/photos/c.jpg\n`,
    );
    expect(trigger?.method).toBe("POST");
    expect(trigger?.url).toBe("/inventorytriggerjob");
    expect(trigger?.body.toString()).toBe(
      `<Request><Name>thumbs</Name><Type>Job</Type><Input><UrlFile>${urlFile()}</UrlFile></Input>` +
        "<Operation><Tag>PicProcess</Tag><JobParam><PicProcess><IsPicInfo>true</IsPicInfo>" +
        "<ProcessRule>imageMogr2/thumbnail/!50p</ProcessRule></PicProcess></JobParam>" +
        `<Output><Region>ap-guangzhou</Region><Bucket>${BUCKET}</Bucket>` +
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
        "<Object>thumbs/${InputName}.jpg</Object></Output></Operation></Request>",
    );
    expectSignedFor(trigger as FakeCos["requests"][number], "/inventorytriggerjob", {});
    expect(job.request?.input).toEqual({ urlFile: urlFile() });
  });

  it("cancels with PUT /inventorytriggerjob/<id>?cancel, the cancel parameter signed", async () => {
    fake = await startFakeCos([reply(200)]);
    await clientFor(fake).cancel({ bucket: BUCKET, jobId: "b1" });
    const [sent] = fake.requests;
    expect(sent?.method).toBe("PUT");
    expect(sent?.url).toBe("/inventorytriggerjob/b1?cancel=");
    expect(parseAuthorization(String(sent?.headers.authorization))?.urlParamList).toEqual(["cancel"]);
    expectSignedFor(sent as FakeCos["requests"][number], "/inventorytriggerjob/b1", { cancel: "" });
  });

  it("pulls picture jobs with the filters as signed query parameters", async () => {
    fake = await startFakeCos([
      reply(200, "<Response><RequestId>r</RequestId><NextToken>10</NextToken></Response>"),
    ]);
    const list = await clientFor(fake).list({
      bucket: BUCKET,
      query: { size: 10, states: ["Running", "Submitted"] },
    });
    expect(list).toEqual({ jobs: [], nextToken: "10" });
    const [sent] = fake.requests;
    expect(sent?.url).toBe("/inventorytriggerjob?type=Job&size=10&states=Running%2CSubmitted");
    expectSignedFor(sent as FakeCos["requests"][number], "/inventorytriggerjob", {
      type: "Job",
      size: "10",
      states: "Running,Submitted",
    });
  });

  it("refuses a job id that would change the path, before sending anything", async () => {
    fake = await startFakeCos([reply(200)]);
    await expect(clientFor(fake).get({ bucket: BUCKET, jobId: "../x" })).rejects.toMatchObject({
      messageId: "ci-job-id-invalid",
    });
    expect(fake.requests).toHaveLength(0);
  });

  it("sends temporary keys' token as x-ci-security-token on the ci host, and signs it", async () => {
    fake = await startFakeCos([reply(200, "<Response/>")]);
    client = new CiJobsClient({
      credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY, sessionToken: "sts-token" },
      region: "ap-guangzhou",
      endpoint: { kind: "path-style", baseUrl: fake.baseUrl },
    });
    await client.list({ bucket: BUCKET });
    const [sent] = fake.requests;
    expect(sent?.headers["x-ci-security-token"]).toBe("sts-token");
    expect(sent?.headers["x-cos-security-token"]).toBeUndefined();
    expect(parseAuthorization(String(sent?.headers.authorization))?.headerList).toContain(
      "x-ci-security-token",
    );
  });
});
