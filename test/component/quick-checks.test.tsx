import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../../renderer/api";
import { QuickPanel } from "../../renderer/features/quick";
import { DropZone } from "../../renderer/features/upload/DropZone";
import { useLanguage } from "../../renderer/i18n";
import { renderWithStores } from "./with-stores";

afterEach(() => {
  cleanup();
  useLanguage.getState().setLanguage("en");
  localStorage.clear();
});

const RULE = "imageMogr2/scrop/60x60";

/** What the main process answers when the default's rule fails on animated GIFs (issue 15, point 4). */
const refusal = new ApiError({
  code: "invalid-plan",
  message: `Rule 1 (${RULE}) fails on animated GIF images, such as party.gif.`,
  messageId: "rule-fails-on-animated",
  values: { n: 1, rule: RULE, format: "GIF", sample: "party.gif" },
  path: ["party.gif"],
});

function dropWithQuickUpload() {
  // As the window keeps the designer's choice: Quick upload on.
  localStorage.setItem("picops.quickUpload", "on");
  const rendered = renderWithStores(
    <>
      <DropZone />
      <QuickPanel />
    </>,
    {
      "presets.list": () => ({ presets: [] }),
      "destinations.defaults": () => ({ defaults: {} }),
      "destinations.prefixDefaults": () => ({ prefixes: {} }),
      "uploads.quick": () => {
        throw refusal;
      },
      "files.add": ({ sources }) => ({
        files: sources.map((source) => ({
          id: source.relativePath ?? source.path,
          path: source.path,
          relativePath: source.relativePath ?? source.path,
          size: 3,
        })),
      }),
    },
  );
  const party = new File([new Uint8Array([71, 73, 70])], "party.gif", { type: "image/gif" });
  fireEvent.drop(screen.getByTestId("dropzone"), { dataTransfer: { items: [], files: [party] } });
  return rendered;
}

describe("Quick upload refused by the plan's checks", () => {
  it("says which rule fails on which kind of file, and puts the dropped files in the upload list", async () => {
    const { api, stores } = dropWithQuickUpload();

    await waitFor(() =>
      expect(screen.getByTestId("quick-outcome").textContent).toBe(
        `Rule 1 (${RULE}) fails on animated GIF images, such as party.gif. Nothing was uploaded: the files wait in the upload list, where the rule or the names can be changed before they are sent.`,
      ),
    );
    await waitFor(() =>
      expect(stores.upload.getState().files.map((file) => file.relativePath)).toEqual(["party.gif"]),
    );
    expect(
      api.calls
        .map((call) => call.channel)
        .filter((channel) => channel.startsWith("files") || channel.startsWith("uploads")),
    ).toEqual(["uploads.quick", "files.add"]);
  });

  it("says it in 简体中文 too", async () => {
    useLanguage.getState().setLanguage("zh-CN");
    dropWithQuickUpload();

    await waitFor(() =>
      expect(screen.getByTestId("quick-outcome").textContent).toBe(
        `规则 1（${RULE}）无法处理 GIF 动图，例如 party.gif。 未上传任何文件：这些文件已在上传列表中，可先修改规则或名称再发送。`,
      ),
    );
  });
});
