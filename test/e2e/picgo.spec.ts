import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import sharp from "sharp";
import { openLocalBucket } from "./bucket-reader";
import { switchLanguage } from "./screens";
import { expect, test } from "./web-host-fixture";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test("an editor's upload through the PicGo endpoint lands in the bucket and shows as a batch in the window", async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.url);
  const status = page.getByTestId("picgo-status");
  await expect(status).toHaveText("Off");

  const port = await freePort();
  await page.getByRole("button", { name: "Editor upload settings…" }).click();
  const dialog = page.getByRole("dialog", { name: "Editor uploads (PicGo-compatible)" });
  await dialog.getByLabel("Answer PicGo's upload calls on this computer").check();
  await dialog.getByLabel("Port").fill(String(port));
  await dialog.getByLabel("Key (optional)").fill("typora-1");
  await dialog.getByLabel("Original's key").fill("notes/{yyyy}/{name}.{ext}");
  await expect(dialog.getByText(`notes/${new Date().getFullYear()}/screenshot.png`)).toBeVisible();
  await expect(dialog.getByTestId("picgo-address")).toHaveText(
    `http://127.0.0.1:${port}/upload?key=typora-1`,
  );
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(status).toHaveText(`On: editors upload to http://127.0.0.1:${port}/upload`);

  // What Typora sends: the pasted picture's path, as JSON.
  const folder = await mkdtemp(path.join(os.tmpdir(), "picops-typora-"));
  const file = path.join(folder, "image-20261202143005123.png");
  await writeFile(
    file,
    await sharp({ create: { width: 320, height: 200, channels: 3, background: "#3366cc" } })
      .png()
      .toBuffer(),
  );
  const response = await fetch(`http://127.0.0.1:${port}/upload?key=typora-1`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ list: [file] }),
  });
  const answer = (await response.json()) as { success: boolean; result: string[] };
  const key = `notes/${new Date().getFullYear()}/image-20261202143005123.png`;
  expect(answer).toEqual({ success: true, result: [expect.stringMatching(new RegExp(`/${key}$`))] });

  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    expect(await bucket.keys()).toEqual([key]);
    expect(await bucket.image(key)).toMatchObject({ format: "png", width: 320, height: 200 });
  } finally {
    await bucket.close();
  }

  // The window shows the editor's batch like any other.
  await expect(page.getByTestId("batch-state")).toHaveText("Finished");
  await expect(page.getByTestId("batch-item").filter({ hasText: key })).toHaveAttribute("data-state", "done");

  // A web page may not use it: a request carrying a page's Origin is refused and stores nothing.
  const fromPage = await fetch(`http://127.0.0.1:${port}/upload?key=typora-1`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: webHost.origin },
    body: JSON.stringify({ list: [file] }),
  });
  expect(fromPage.status).toBe(403);
  expect((await fromPage.json()).success).toBe(false);

  await switchLanguage(page, "zh-CN");
  await expect(status).toHaveText(`已开启：编辑器上传至 http://127.0.0.1:${port}/upload`);
});

test("a busy port is shown in the window, with what to do", async ({ page, webHost }) => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    await page.goto(webHost.url);
    await page.getByRole("button", { name: "Editor upload settings…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Answer PicGo's upload calls on this computer").check();
    await dialog.getByLabel("Port").fill(String(port));
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("picgo-status")).toHaveText(
      `Port ${port} is in use by another program (PicGo itself?): quit it or choose another port.`,
    );
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});

test("the settings open from the keyboard and pass axe, in English and 简体中文", async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.url);
  for (const language of ["en", "zh-CN"] as const) {
    await switchLanguage(page, language);
    const open = page.getByRole("button", {
      name: language === "en" ? "Editor upload settings…" : "编辑器上传设置…",
    });
    await open.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("checkbox")).toBeFocused();
    const { violations } = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .setLegacyMode(true)
      .analyze();
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  }
});
