import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  jobsResponseXml,
  parseJobsResponse,
  parseTriggerRequest,
  triggerRequestXml,
} from "../../../electron/cos/ci-jobs-xml";
import { ciTarget } from "../../../electron/cos/endpoint";
import {
  CI_JOB_STATES,
  type CiJobDetail,
  type CiJobRequest,
  jobOutputKey,
  unknownOutputVariables,
} from "../../../shared/cos/ci-jobs";

const REQUEST: CiJobRequest = {
  name: "thumbs",
  input: { prefix: "photos/" },
  processRule: "imageMogr2/thumbnail/!50p",
  isPicInfo: false,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
  output: { region: "ap-guangzhou", bucket: "examplebucket-1250000000", object: "thumbs/${InputName}.jpg" },
};

describe("Trigger Job body", () => {
  it("is the Request of the Trigger page: Type Job, the rule under JobParam/PicProcess, the output template", () => {
    expect(triggerRequestXml(REQUEST)).toBe(
      "<Request><Name>thumbs</Name><Type>Job</Type><Input><Prefix>photos/</Prefix></Input>" +
        "<Operation><Tag>PicProcess</Tag><JobParam><PicProcess><IsPicInfo>false</IsPicInfo>" +
        "<ProcessRule>imageMogr2/thumbnail/!50p</ProcessRule></PicProcess></JobParam>" +
        "<Output><Region>ap-guangzhou</Region><Bucket>examplebucket-1250000000</Bucket>" +
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
        "<Object>thumbs/${InputName}.jpg</Object></Output></Operation></Request>",
    );
  });

  it("sends a selection's URL list as the Input's UrlFile, and reads it back", () => {
    const urlFile =
      "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/.picops/job-inputs/t-0a1b2c3d.txt";
    const request: CiJobRequest = { ...REQUEST, input: { urlFile } };
    const xml = triggerRequestXml(request);
    expect(xml).toContain(`<Type>Job</Type><Input><UrlFile>${urlFile}</UrlFile></Input><Operation>`);
    expect(parseTriggerRequest(xml)).toEqual({ ok: true, request });
    expect(parseTriggerRequest(xml.replace(urlFile, "lists/url.txt"))).toEqual({
      ok: false,
      problem: "input.urlFile",
    });
  });

  it("reads back whatever it writes, rules with XML's special characters included", () => {
    const text = fc.string({ minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_\u4e00-\u4e10-]{1,20}$/),
        fc.oneof(
          fc.string({ maxLength: 30 }).map((prefix) => ({ prefix })),
          text.map((object) => ({ object })),
        ),
        text,
        fc.boolean(),
        text,
        (name, input, processRule, isPicInfo, object) => {
          const request: CiJobRequest = {
            name,
            input,
            processRule,
            isPicInfo,
            output: { region: "ap-guangzhou", bucket: "a-1250000000", object },
          };
          expect(parseTriggerRequest(triggerRequestXml(request))).toEqual({ ok: true, request });
        },
      ),
    );
  });

  it("names what is wrong: another job type, a missing rule, not XML", () => {
    const transcode = triggerRequestXml(REQUEST).replace("<Tag>PicProcess</Tag>", "<Tag>Transcode</Tag>");
    expect(parseTriggerRequest(transcode)).toEqual({ ok: false, problem: "not-a-picture-job" });
    const noRule = triggerRequestXml(REQUEST).replace(/<ProcessRule>.*<\/ProcessRule>/, "");
    expect(parseTriggerRequest(noRule)).toEqual({ ok: false, problem: "processRule" });
    expect(parseTriggerRequest("<Request><Name>")).toEqual({ ok: false, problem: "malformed" });
  });
});

describe("Response of Trigger, Query and Pull", () => {
  it("reads back every job it writes, in order, with the next token", () => {
    const job = fc.record({
      jobId: fc.stringMatching(/^b[0-9a-f]{32}$/),
      name: fc.constant("thumbs"),
      state: fc.constantFrom(...CI_JOB_STATES),
      progress: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      code: fc.constantFrom("Success", "InvalidArgument"),
      message: fc.string({ maxLength: 30 }),
      creationTime: fc.constant("2026-12-02T15:00:00+0000"),
      startTime: fc.option(fc.constant("2026-12-02T15:00:01+0000"), { nil: undefined }),
      endTime: fc.option(fc.constant("2026-12-02T15:00:09+0000"), { nil: undefined }),
      request: fc.constant(REQUEST),
    });
    fc.assert(
      fc.property(
        fc.array(job, { maxLength: 4 }),
        fc.option(fc.constant("20"), { nil: undefined }),
        (jobs, nextToken) => {
          const detailed = jobs.map((j) =>
            Object.fromEntries(Object.entries(j).filter(([, v]) => v !== undefined)),
          );
          const parsed = parseJobsResponse(
            jobsResponseXml({ requestId: "rid", jobs: jobs as CiJobDetail[], nextToken, nonExistJobIds: [] }),
          );
          expect(parsed).toEqual({ requestId: "rid", jobs: detailed, nextToken, nonExistJobIds: [] });
        },
      ),
    );
  });

  it("reads the Query page's sample: a workflow job is listed without a picture request", () => {
    const sample =
      "<Response><RequestId>NjJiZDU1ZmZfOTBmYTUwNjRfNzdjY18xYQ==</RequestId><JobsDetail><Code>Success</Code>" +
      "<Type>Workflow</Type><Message/><Name>demo</Name><JobId>b3deffea2f84911ec9cb15254008618d9</JobId>" +
      "<State>Running</State><CreationTime>2022-06-27T15:23:10+0800</CreationTime><StartTime>-</StartTime>" +
      "<EndTime>-</EndTime><Input><Prefix>input</Prefix></Input><Operation><TimeInterval>" +
      "<Start>2022-02-01T12:00:00+0800</Start><End>2022-05-01T12:00:00+0800</End></TimeInterval>" +
      "<WorkflowIds>w7476ff3564ee45b7b490d64bccaba6cc</WorkflowIds></Operation></JobsDetail></Response>";
    expect(parseJobsResponse(sample).jobs).toEqual([
      {
        jobId: "b3deffea2f84911ec9cb15254008618d9",
        name: "demo",
        state: "Running",
        code: "Success",
        message: "",
        creationTime: "2022-06-27T15:23:10+0800",
      },
    ]);
  });

  it("reports an unknown id through NonExistJobIds, and a job without a state as unreadable", () => {
    expect(
      parseJobsResponse("<Response><NonExistJobIds>bnope</NonExistJobIds></Response>").nonExistJobIds,
    ).toEqual(["bnope"]);
    expect(() =>
      parseJobsResponse("<Response><JobsDetail><JobId>b1</JobId></JobsDetail></Response>"),
    ).toThrow(expect.objectContaining({ values: { root: "Response", field: "JobsDetail[0].state" } }));
  });
});

describe("output keys", () => {
  it("fills CI's variables from the input key and the job id", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
    const template = "out/${InputPath}${InputName}_s.${ext}|${InputNameAndExt}|${InventoryTriggerJobId}";
    expect(jobOutputKey(template, "photos/2024/cat.photo.jpg", "bJOB")).toBe(
      "out/photos/2024/cat.photo_s.jpg|cat.photo.jpg|bJOB",
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
    expect(jobOutputKey("t/${InputName}.${ext}", "README", "b1")).toBe("t/README.");
  });

  it("lists the variables it does not know", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
    expect(unknownOutputVariables("a/${InputName}/${Number}/${}")).toEqual(["Number", ""]);
  });
});

describe("the ci host", () => {
  it("is <bucket>.ci.<region>.myqcloud.com, also behind a custom domain, and signs the job path", () => {
    const expected = {
      origin: "https://a-1250000000.ci.ap-guangzhou.myqcloud.com",
      host: "a-1250000000.ci.ap-guangzhou.myqcloud.com",
      path: "/inventorytriggerjob/b1",
      signedPath: "/inventorytriggerjob/b1",
    };
    expect(
      ciTarget({ kind: "virtual-host" }, "a-1250000000", "ap-guangzhou", "/inventorytriggerjob/b1"),
    ).toEqual(expected);
    expect(
      ciTarget(
        { kind: "custom-domain", domain: "img.example.com" },
        "a-1250000000",
        "ap-guangzhou",
        expected.path,
      ),
    ).toEqual(expected);
  });

  it("keeps a path-style base URL's origin and sends the ci host name as Host", () => {
    expect(
      ciTarget(
        { kind: "path-style", baseUrl: "http://127.0.0.1:9000" },
        "a-1250000000",
        "ap-guangzhou",
        "/inventorytriggerjob",
      ),
    ).toEqual({
      origin: "http://127.0.0.1:9000",
      host: "a-1250000000.ci.ap-guangzhou.localhost:9000",
      path: "/inventorytriggerjob",
      signedPath: "/inventorytriggerjob",
    });
  });
});
