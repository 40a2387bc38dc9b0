import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FormDraftsService } from "../../../electron/forms/drafts";
import type { UploadDraft } from "../../../shared/uploads/drafts";

const upload: UploadDraft = {
  prefix: "shoots/2026/",
  naming: "keep",
  isPicInfo: true,
  concurrency: 3,
  // Half-typed work is still the designer's: an invalid output name is kept as typed.
  rules: [{ rule: "imageMogr2/thumbnail/80", fileid: "../x.webp" }],
};

describe("form drafts", () => {
  it("keeps each form's draft in form-drafts.json, across a restart", async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "picops-drafts-")), "form-drafts.json");
    const drafts = await FormDraftsService.open(file);
    expect(drafts.drafts()).toEqual({});
    await drafts.save({ form: "upload", draft: upload });
    const processing = {
      isPicInfo: false,
      concurrency: 2,
      rules: [{ rule: "style/card", fileid: "{name}_card.{format}" }],
    };
    await drafts.save({ form: "processing", draft: processing });

    const reopened = await FormDraftsService.open(file);
    expect(reopened.drafts()).toEqual({ upload, processing });
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ upload, processing });
  });

  it("starts empty, without losing the damaged file, when the drafts cannot be read", async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), "picops-drafts-"));
    const file = path.join(folder, "form-drafts.json");
    await writeFile(file, "{ not json");
    const drafts = await FormDraftsService.open(file);
    expect(drafts.drafts()).toEqual({});
  });
});
