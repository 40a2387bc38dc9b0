import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { createStores, StoresProvider } from "../../renderer/app/stores";
import { UploadWorkspace } from "../../renderer/features/upload";
import type { IntakeFile } from "../../shared/uploads/intake";
import { fakeApi } from "./fake-api";

afterEach(cleanup);

const photo: IntakeFile = {
  id: "f1",
  path: "/staged/cat.jpg",
  relativePath: "cat.jpg",
  size: 1000,
  format: "jpeg",
};

function renderUpload() {
  const api = fakeApi({
    "files.list": () => ({ files: [photo] }),
    "batches.list": () => ({ batches: [] }),
    "forms.drafts": () => ({}),
    // The Quick upload panel above the form offers the presets as per-folder defaults.
    "presets.list": () => ({ presets: [] }),
    "destinations.defaults": () => ({ defaults: {} }),
    "destinations.prefixDefaults": () => ({ prefixes: {} }),
    "forms.saveDraft": () => ({}),
    "files.thumbnail": () => ({ url: "media/00000000-0000-4000-8000-000000000000" }),
  });
  render(
    <StoresProvider stores={createStores(api.client)}>
      <UploadWorkspace />
    </StoresProvider>,
  );
  return api;
}

const review = () => screen.getByRole("button", { name: "Review plan" }) as HTMLButtonElement;
const alerts = () => screen.queryAllByRole("alert").map((node) => node.textContent);

describe("the upload form's validation", () => {
  it("is not red before anything is typed, but an empty rule still blocks review and is counted", async () => {
    renderUpload();
    await screen.findByText("cat.jpg");
    expect(review().disabled).toBe(false);
    await userEvent.click(screen.getByRole("button", { name: "Add a rule" }));
    expect(alerts()).toEqual([]);
    expect(screen.getByLabelText("Rule 1").getAttribute("aria-invalid")).toBeNull();
    expect(review().disabled).toBe(true);
    expect(screen.getByTestId("problem-count").textContent).toBe("1 error");
  });

  it("says what is wrong with an output name as it is typed, in the words the plan uses", async () => {
    renderUpload();
    await screen.findByText("cat.jpg");
    await userEvent.click(screen.getByRole("button", { name: "Add a rule" }));
    await userEvent.type(screen.getByLabelText("Rule 1"), "imageMogr2/thumbnail/800x/format/webp");
    expect(review().disabled).toBe(false);
    const outputName = screen.getByLabelText("Output name");
    await userEvent.clear(outputName);
    await userEvent.type(outputName, "../x.webp");
    expect(alerts()).toEqual(["Rule 1: the output name (fileid) must not contain . or .. folders"]);
    expect(outputName.getAttribute("aria-invalid")).toBe("true");
    expect(review().disabled).toBe(true);
    expect(screen.getByTestId("problem-count").textContent).toBe("1 error");
  });

  it("disables review for an invalid rule and counts errors and warnings apart", async () => {
    renderUpload();
    await screen.findByText("cat.jpg");
    await userEvent.click(screen.getByRole("button", { name: "Add a rule" }));
    await userEvent.type(screen.getByLabelText("Rule 1"), "imageMogr2/thumbnail/0x");
    expect(alerts()).toEqual([expect.stringMatching(/width must be 1–\d+, got 0/)]);
    expect(review().disabled).toBe(true);
    await userEvent.click(screen.getByRole("button", { name: "Add a rule" }));
    await userEvent.type(screen.getByLabelText("Rule 2"), "imageMogr2/spin/90");
    await userEvent.click(screen.getByRole("button", { name: "Add a rule" }));
    await userEvent.type(screen.getByLabelText("Rule 3"), "imageMogr2/spin/90");
    expect(screen.getByTestId("problem-count").textContent).toBe("1 error · 2 warnings");
  });
});
