import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "./web-host-fixture";

const SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLEKEY";
const SESSION_TOKEN = "sts-token-9f2c7e1b-EXAMPLE-session";

test("add a Tencent COS profile, see it listed with the key masked, delete it", async ({ page, webHost }) => {
  const seen: string[] = [];
  const reads: Promise<void>[] = [];
  page.on("response", (response) => {
    if (!response.url().includes("/api/")) return;
    // A body the reload or the test's end cut off never reached the page; every other one is
    // read before the checks below.
    reads.push(
      response.text().then(
        (text) => {
          seen.push(text);
        },
        () => undefined,
      ),
    );
  });
  page.on("websocket", (socket) => socket.on("framereceived", (frame) => seen.push(String(frame.payload))));

  await page.goto(webHost.url);
  await expect(page.getByTestId("connection-local")).toContainText("Local bucket");
  // The token left the address bar as soon as the page took it.
  expect(page.url()).not.toContain("token=");

  await page.getByRole("button", { name: "Add Tencent COS connection" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Studio photos");
  await dialog.getByLabel("SecretId").fill(SECRET_ID);
  await dialog.getByLabel("SecretKey").fill(SECRET_KEY);
  await dialog.getByLabel("Session token").fill(SESSION_TOKEN);
  await dialog.getByLabel("Region").fill("ap-shanghai");
  await dialog.getByLabel("Default bucket").fill("Photos_1250000000");
  await dialog.getByRole("button", { name: "Save connection" }).click();
  // Invalid bucket names are marked in place before anything is sent.
  await expect(dialog.getByText("Bucket is BucketName-APPID")).toBeVisible();
  await dialog.getByLabel("Default bucket").fill("photos-1250000000");
  await dialog.getByRole("button", { name: "Save connection" }).click();
  await expect(dialog).toBeHidden();

  const profile = page.getByTestId("connection-cos");
  await expect(profile).toContainText("Studio photos");
  await expect(profile).toContainText("ap-shanghai · photos-1250000000");
  await expect(profile).toContainText(`AKID${"*".repeat(SECRET_ID.length - 8)}MPLE`);

  // Still there after a reload: the main process owns the truth.
  await page.reload();
  await expect(page.getByTestId("connection-cos")).toContainText("Studio photos");

  page.once("dialog", (confirm) => confirm.accept());
  await page.getByRole("button", { name: "Delete Studio photos" }).click();
  await expect(page.getByTestId("connection-cos")).toHaveCount(0);

  // No secret reached the renderer, the host's log or the vault file in clear text.
  const vault = await readFile(path.join(webHost.dataDir, "connections.json"), "utf8");
  await Promise.all(reads);
  expect(seen.length).toBeGreaterThan(4);
  for (const text of [...seen, webHost.output(), vault]) {
    expect(text).not.toContain(SECRET_KEY);
    expect(text).not.toContain(SECRET_ID);
    expect(text).not.toContain(SESSION_TOKEN);
  }
});

test("the interface switches to Simplified Chinese at run time", async ({ page, webHost }) => {
  await page.goto(webHost.url);
  await page.getByLabel("Language", { exact: true }).selectOption("zh-CN");
  await expect(page.getByRole("tab", { name: "上传" })).toBeVisible();
  await expect(page.getByRole("button", { name: "添加腾讯云 COS 连接" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("workspace tabs are reachable and switchable from the keyboard", async ({ page, webHost }) => {
  await page.goto(webHost.url);
  await page.getByRole("tab", { name: "Upload" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Bucket" })).toBeFocused();
  await expect(page.getByRole("tab", { name: "Bucket" })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("End");
  await expect(page.getByRole("tab", { name: "History" })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("tab", { name: "Rules" })).toHaveAttribute("aria-selected", "true");
});
