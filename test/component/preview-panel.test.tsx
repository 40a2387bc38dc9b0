import { act, cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createPreviewStore, PreviewPanel, PreviewProvider } from "../../renderer/features/preview";
import type { PreviewAnswer, PreviewRequest } from "../../shared/ipc/channels/preview";
import type { RuleSlot } from "../../shared/uploads/options";
import { fakeApi } from "./fake-api";

afterEach(cleanup);

const photo = { kind: "file", fileId: "f1", name: "harbour.jpg" } as const;
const rules: RuleSlot[] = [
  { rule: "imageMogr2/thumbnail/600x/format/png", fileid: "{name}_web.{format}" },
  { rule: "imageMogr2/thumbnail/!300x300r/crop/300x300/format/webp", fileid: "avatars/{name}.{format}" },
];

/** The main process's answer: the output's width is the rule's first number, square for a crop. */
function answerTo(request: PreviewRequest): PreviewAnswer {
  const width = Number(/(\d+)x/.exec(request.rule)?.[1] ?? 1200);
  const square = request.rule.includes("crop");
  return {
    seq: request.seq,
    before: { url: "media/before", format: "JPEG", width: 1200, height: 900, bytes: 400_000 },
    after: request.rule
      ? {
          kind: "image",
          producer: "local",
          scope: "original",
          url: `media/${width}`,
          format: request.rule.includes("webp") ? "WEBP" : "PNG",
          width,
          height: square ? width : (width * 3) / 4,
          bytes: 20_000,
          ...(square ? { region: { left: 150, top: 0, width: 900, height: 900 } } : {}),
        }
      : { kind: "problem", producer: "local", error: { code: "invalid-rule", message: "empty" } },
  };
}

function setUp(answer: (request: PreviewRequest) => PreviewAnswer | Promise<PreviewAnswer> = answerTo) {
  const api = fakeApi({ "preview.render": answer });
  const store = createPreviewStore(api.client);
  render(
    <PreviewProvider store={store}>
      <PreviewPanel />
    </PreviewProvider>,
  );
  const asked = () => api.calls.map((call) => (call.input as PreviewRequest).rule);
  return { store, asked };
}

describe("the preview shows what will run", () => {
  it("previews a file with its upload's own rules: a contact sheet of every output, the first compared", async () => {
    const { store, asked } = setUp();
    act(() => store.getState().previewJob(photo, rules, "upload-list"));
    const items = await screen.findAllByTestId("contact-sheet-item");
    expect(items).toHaveLength(2);
    expect(asked()).toEqual(rules.map((slot) => slot.rule));
    const facts = async (index: number) =>
      (await within(items[index] as HTMLElement).findByTestId("contact-sheet-facts")).textContent;
    expect(await facts(0)).toMatch(/^PNG · 600×450 · .* · −95\.0 %$/);
    expect(await facts(1)).toMatch(/^WEBP · 300×300 /);
    expect(screen.getByTestId("preview-rule").textContent).toContain("Rule 1 → {name}_web.{format}");

    act(() => items[1]?.click());
    expect(screen.getByTestId("preview-rule").textContent).toContain("Rule 2 → avatars/{name}.{format}");
    expect(await screen.findByTestId("preview-kept-region")).toBeTruthy();
  });

  it("previews one slot alone, follows it as it is edited, and shows the Rules tab's draft only while asked", async () => {
    const { store, asked } = setUp();
    act(() => store.getState().previewJob(photo, rules, "upload-list"));
    await screen.findAllByTestId("contact-sheet-item");
    act(() => store.getState().previewSlot(rules, 1, "slot-2"));
    expect(screen.queryByTestId("contact-sheet")).toBeNull();
    expect(screen.getByTestId("preview-fileid").textContent).toBe("avatars/{name}.{format}");

    // Only the form that owns the preview moves it.
    const edited = [
      rules[0] as RuleSlot,
      { ...(rules[1] as RuleSlot), rule: "imageMogr2/thumbnail/200x200/crop/200x200" },
    ];
    act(() => store.getState().followRules(edited, "upload-list"));
    expect(asked()).toHaveLength(3);
    act(() => store.getState().followRules(edited, "slot-2"));
    expect(asked().at(-1)).toBe("imageMogr2/thumbnail/200x200/crop/200x200");

    act(() => store.getState().showDraft("imageMogr2/thumbnail/100x"));
    expect(screen.getByTestId("preview-rule").textContent).toContain("Draft from the Rules tab");
    act(() => store.getState().showDraft(undefined));
    expect(screen.getByTestId("preview-fileid").textContent).toBe("avatars/{name}.{format}");
  });

  it("shows the original alone, with a note, when the upload has no rules", async () => {
    const { store } = setUp();
    act(() => store.getState().previewJob(photo, [], "upload-list"));
    expect((await screen.findByTestId("preview-no-rules")).textContent).toContain("no rules");
    expect((await screen.findAllByRole("img")).map((img) => img.getAttribute("alt"))).toEqual(["Before"]);
    expect(screen.queryByTestId("preview-problem")).toBeNull();
  });

  it("previews a picked object with processing in the bucket's rules, skipping blank slots, and follows that form", async () => {
    const { store, asked } = setUp();
    const object = { kind: "object", bucket: "photos-1250000000", key: "a/harbour.jpg" } as const;
    act(() => store.getState().previewJob(photo, rules, "upload-list"));
    await screen.findAllByTestId("contact-sheet-item");

    const blank = { rule: " ", fileid: "{name}_1.{format}" };
    act(() => store.getState().previewJob(object, [blank], "process"));
    expect((await screen.findByTestId("preview-no-rules")).textContent).toContain("no rule yet");
    expect(asked().at(-1)).toBe("");

    const thumb = { rule: "imageMogr2/thumbnail/400x", fileid: "{name}_2.{format}" };
    act(() => store.getState().followRules([blank, thumb], "upload-list"));
    expect(screen.queryByTestId("preview-rule")).toBeNull();
    act(() => store.getState().followRules([blank, thumb], "process"));
    expect((await screen.findByTestId("preview-rule")).textContent).toContain("Rule 2 → {name}_2.{format}");
    expect(screen.queryByTestId("contact-sheet")).toBeNull();
    expect(asked().at(-1)).toBe("imageMogr2/thumbnail/400x");
  });

  it("never replaces a newer answer with an older one that arrives late", async () => {
    const held: ((answer: PreviewAnswer) => void)[] = [];
    const { store } = setUp(
      (request) => new Promise<PreviewAnswer>((resolve) => held.push(() => resolve(answerTo(request)))),
    );
    act(() => store.getState().previewJob(photo, [rules[0] as RuleSlot], "upload-list"));
    act(() =>
      store
        .getState()
        .followRules([{ ...(rules[0] as RuleSlot), rule: "imageMogr2/thumbnail/500x" }], "upload-list"),
    );
    expect(held).toHaveLength(2);
    await act(async () => held[1]?.(undefined as never));
    await act(async () => held[0]?.(undefined as never));
    expect(screen.getByTestId("preview-after-readout").textContent).toContain("500×375");
  });
});
