import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { APP_VERSION, defaultDataDir } from "../app-paths";
import { createKeyFileCipher } from "../connections/cipher";
import { childProcessLauncher } from "../connections/local-bucket-launchers";
import { createLogger } from "../logger";
import { filesFromArguments } from "../opened-files";
import { readyLine } from "../ready-line";
import { createServices } from "../services";
import { startWebHost } from "./server";

// Image paths after the options are opened as Electron opens them: added to the upload list.
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    "data-dir": { type: "string" },
    "renderer-dir": { type: "string" },
  },
});

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(values["data-dir"] ?? defaultDataDir());
const logger = createLogger();

try {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const services = await createServices({
    dataDir,
    cipher: await createKeyFileCipher(path.join(dataDir, "vault.key")),
    host: "web",
    version: APP_VERSION,
    logger,
    localBucketLauncher: childProcessLauncher(path.join(here, "local-bucket.mjs")),
  });
  await services.openFiles(filesFromArguments(positionals, process.cwd()));
  const host = await startWebHost({
    services,
    logger,
    host: values.host,
    port: Number(values.port),
    rendererDir: values["renderer-dir"] ?? path.join(here, "..", "renderer"),
  });
  process.stdout.write(`Picops is running. Open ${host.url}\n`);
  process.stdout.write(readyLine({ server: "web-host", url: host.url }));
  const stop = async () => {
    await host.close();
    await services.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  process.stderr.write(`Picops web host could not start: ${(error as Error).message}\n`);
  process.exit(1);
}
