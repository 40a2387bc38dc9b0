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
import type { CiJobDetail, CloudJobPlan } from "../../shared/cos/ci-jobs";
import { fakeApi } from "./fake-api";

afterEach(cleanup);

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
  request: requests[0],
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
