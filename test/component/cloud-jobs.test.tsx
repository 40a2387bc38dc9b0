import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../../renderer/api";
import {
  CloudJobPlanView,
  cloudJobRequests,
  createJobsStore,
  JobsProvider,
  JobsView,
} from "../../renderer/features/jobs";
import { useLanguage } from "../../renderer/i18n";
import type { CiJobDetail, CloudJobPlan, CloudJobRequest } from "../../shared/cos/ci-jobs";
import { fakeApi } from "./fake-api";

afterEach(() => {
  cleanup();
  useLanguage.getState().setLanguage("en");
});

const BUCKET = "photos-1250000000";

const requests = cloudJobRequests({
  input: { prefix: "shoots/" },
  bucket: BUCKET,
  region: "ap-guangzhou",
  rules: [{ rule: "imageMogr2/thumbnail/200x150!/format/png", fileid: "{name}_thumb.{format}" }],
  isPicInfo: false,
  now: new Date("2026-12-03T02:00:00Z"),
});

function planOf(counted: number, complete: boolean): CloudJobPlan {
  return {
    counted,
    complete,
    sample: [{ input: "shoots/a.jpg", output: "shoots/a_thumb.png" }],
    overwrites: ["shoots/a_thumb.png"],
    shared: [],
    recommendation: !complete || counted >= 1000 ? "cloud-job" : "local-loop",
  };
}

const running: CiJobDetail = {
  jobId: "job-1",
  name: "picops-20261203020000-1",
  state: "Running",
  progress: 40,
  code: "",
  message: "",
  request: { ...(requests[0] as CloudJobRequest), input: { prefix: "shoots/" } },
};

describe("cloud job plan", () => {
  it("writes the output keys the rule's name makes, beside each input", () => {
    expect(requests[0]?.output).toEqual({
      region: "ap-guangzhou",
      bucket: BUCKET,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
      object: "${InputPath}${InputName}_thumb.png",
    });
  });

  it("recommends a cloud job past the count it lists, warns of overwrites, and starts the job chosen", async () => {
    const api = fakeApi({
      "jobs.plan": () => planOf(10_000, false),
      "jobs.start": () => running,
    });
    const store = createJobsStore(api.client);
    let local = 0;
    render(
      <JobsProvider store={store}>
        <CloudJobPlanView onLocal={() => local++} />
      </JobsProvider>,
    );
    await store.getState().planJobs(requests);

    expect((await screen.findByTestId("cloud-plan-count")).textContent).toBe(
      "At least 10,000 objects under shoots/ (the plan stops counting there)",
    );
    expect(screen.getByTestId("cloud-plan-overwrites").textContent).toContain("shoots/a_thumb.png");
    const cloud = screen.getByRole("radio", { name: /Cloud job/ });
    expect((cloud as HTMLInputElement).checked).toBe(true);
    expect(cloud.closest("label")?.textContent).toContain("Recommended for this size");

    await userEvent.click(screen.getByRole("radio", { name: /This computer/ }));
    await userEvent.click(screen.getByRole("button", { name: "Review the plan on this computer" }));
    expect(local).toBe(1);

    await userEvent.click(screen.getByRole("radio", { name: /Cloud job/ }));
    await userEvent.click(screen.getByRole("button", { name: "Start the cloud job" }));
    expect(api.calls.map((call) => call.channel)).toEqual(["jobs.plan", "jobs.start"]);
    expect(api.calls[1]?.input).toEqual({ request: requests[0] });
    expect(store.getState().jobs.map((job) => job.jobId)).toEqual(["job-1"]);
  });

  it("recommends this computer for a small folder", async () => {
    const api = fakeApi({ "jobs.plan": () => planOf(12, true) });
    const store = createJobsStore(api.client);
    render(
      <JobsProvider store={store}>
        <CloudJobPlanView onLocal={() => undefined} />
      </JobsProvider>,
    );
    await store.getState().planJobs(requests);
    expect((await screen.findByTestId("cloud-plan-count")).textContent).toBe("12 objects under shoots/");
    expect((screen.getByRole("radio", { name: /This computer/ }) as HTMLInputElement).checked).toBe(true);
  });

  it("labels an estimated count as an estimate, saying how it was made, in English and 简体中文", async () => {
    const estimated: CloudJobPlan = {
      ...planOf(10_000, false),
      estimate: { total: 52_300, margin: 4_100, folders: 400, foldersCounted: 31 },
    };
    const api = fakeApi({ "jobs.plan": () => estimated });
    const store = createJobsStore(api.client);
    render(
      <JobsProvider store={store}>
        <CloudJobPlanView onLocal={() => undefined} />
      </JobsProvider>,
    );
    await store.getState().planJobs(requests);
    expect((await screen.findByTestId("cloud-plan-count")).textContent).toBe(
      "About 52,300 objects under shoots/ (± 4,100, estimated: the plan lists the first 10,000, then counts 31 of its 400 sub-folders in full and scales up)",
    );
    useLanguage.getState().setLanguage("zh-CN");
    expect((await screen.findByTestId("cloud-plan-count")).textContent).toBe(
      "shoots/ 下约 52,300 个对象（± 4,100，估算：计划列出前 10,000 个，再完整计数其 400 个子文件夹中的 31 个并按比例推算）",
    );
  });

  it("plans a selection by its count, and leaves the local plan already shown to go on from", async () => {
    const selection = cloudJobRequests({
      input: { keys: ["shoots/a.jpg", "shoots/b.jpg", "shoots/c.jpg"] },
      bucket: BUCKET,
      region: "ap-guangzhou",
      rules: [{ rule: "imageMogr2/thumbnail/100x", fileid: "{name}_s.{ext}" }],
      isPicInfo: false,
      now: new Date("2026-12-03T02:00:00Z"),
    });
    const api = fakeApi({ "jobs.plan": () => planOf(3, true) });
    const store = createJobsStore(api.client);
    render(
      <JobsProvider store={store}>
        <CloudJobPlanView onLocal={() => undefined} localReviewed />
      </JobsProvider>,
    );
    await store.getState().planJobs(selection);
    expect(api.calls[0]?.input).toEqual({ request: selection[0] });
    expect((await screen.findByTestId("cloud-plan-count")).textContent).toBe("3 selected objects");
    expect((screen.getByRole("radio", { name: /This computer/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByRole("button", { name: "Review the plan on this computer" })).toBeNull();
    await userEvent.click(screen.getByRole("radio", { name: /Cloud job/ }));
    expect(screen.getByRole("button", { name: "Start the cloud job" })).toBeTruthy();
  });
});

describe("JobsView", () => {
  it("lists recent jobs from COS, cancels one, and shows it cancelled when the main process says so", async () => {
    const api = fakeApi({
      "jobs.list": () => ({ jobs: [running] }),
      "jobs.cancel": ({ jobId }) => {
        api.emit("jobs.changed", { ...running, jobId, state: "Cancel" });
        return {};
      },
    });
    render(
      <JobsProvider store={createJobsStore(api.client)}>
        <JobsView />
      </JobsProvider>,
    );
    const job = await screen.findByTestId("job");
    expect(within(job).getByTestId("job-state").textContent).toBe("Running");
    expect(within(job).getByRole("progressbar").getAttribute("aria-valuenow")).toBe("40");

    await userEvent.click(within(job).getByRole("button", { name: "Cancel" }));
    expect(api.calls.at(-1)).toEqual({ channel: "jobs.cancel", input: { jobId: "job-1" } });
    expect((await within(job).findByTestId("job-state")).textContent).toBe("Cancelled");
    expect(within(job).queryByRole("button", { name: "Cancel" })).toBeNull();
  });

  it("says why a cancel failed, and keeps the job as it was", async () => {
    const api = fakeApi({
      "jobs.list": () => ({ jobs: [running] }),
      "jobs.cancel": () => {
        throw new ApiError({ code: "AccessDenied", message: "Access denied." });
      },
    });
    render(
      <JobsProvider store={createJobsStore(api.client)}>
        <JobsView />
      </JobsProvider>,
    );
    const job = await screen.findByTestId("job");
    await userEvent.click(within(job).getByRole("button", { name: "Cancel" }));
    const alert = await within(job).findByRole("alert");
    expect(alert.textContent).toContain("AccessDenied");
    expect(alert.textContent).toContain("Access denied.");
    expect(within(job).getByTestId("job-state").textContent).toBe("Running");
    expect((within(job).getByRole("button", { name: "Cancel" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("shows a failed job's failures as COS reported them", async () => {
    const failed: CiJobDetail = {
      ...running,
      state: "Failed",
      code: "InvalidImage",
      message: "2 of 12 objects failed; first shoots/a.txt: not an image",
    };
    const api = fakeApi({ "jobs.list": () => ({ jobs: [failed] }) });
    render(
      <JobsProvider store={createJobsStore(api.client)}>
        <JobsView />
      </JobsProvider>,
    );
    expect((await screen.findByTestId("job-failure")).textContent).toBe(
      "InvalidImage: 2 of 12 objects failed; first shoots/a.txt: not an image",
    );
  });
});
